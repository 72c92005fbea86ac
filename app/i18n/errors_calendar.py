"""The refusals of the negotiation calendar: rounds, their dates and zones, and the deadline
for amendments."""

from __future__ import annotations

EN: dict[str, str] = {
    "calendar.deadline_passed": (
        "The deadline for amendments for {round} was {due}; the co-chairs take no late "
        "amendments for this round."
    ),
    "calendar.unknown_zone": (
        "{zone} is not a time zone name; use an IANA name such as America/New_York."
    ),
    "round.not_found": "There is no round {id}.",
    "round.name_missing": "Name the round (e.g. New York, 12–15 March).",
    "round.ends_before_start": "The round ends ({ends}) before it starts ({starts}).",
    "round.days_outside": "Meeting days {days} fall outside the round's dates.",
}

ES: dict[str, str] = {
    "calendar.deadline_passed": (
        "El plazo de presentación de enmiendas para {round} venció el {due}; la copresidencia "
        "no admite enmiendas tardías en esta ronda."
    ),
    "calendar.unknown_zone": (
        "{zone} no es un nombre de huso horario; use un nombre IANA como America/New_York."
    ),
    "round.not_found": "No existe la ronda {id}.",
    "round.name_missing": "Indique el nombre de la ronda (p. ej. Nueva York, 12–15 de marzo).",
    "round.ends_before_start": "La ronda termina ({ends}) antes de empezar ({starts}).",
    "round.days_outside": "Los días de reunión {days} quedan fuera de las fechas de la ronda.",
}

PT: dict[str, str] = {
    "calendar.deadline_passed": (
        "O prazo de apresentação de emendas para {round} terminou em {due}; a copresidência "
        "não aceita emendas tardias nesta rodada."
    ),
    "calendar.unknown_zone": (
        "{zone} não é um nome de fuso horário; use um nome IANA como America/New_York."
    ),
    "round.not_found": "Não existe a rodada {id}.",
    "round.name_missing": "Indique o nome da rodada (p. ex. Nova Iorque, 12–15 de março).",
    "round.ends_before_start": "A rodada termina ({ends}) antes de começar ({starts}).",
    "round.days_outside": "Os dias de reunião {days} ficam fora das datas da rodada.",
}
