"""The refusals of the plenary (readings and the speakers' list), of positions, freezing and
silence procedures; with the states they name (`floor_status`, `silence_phase`, `target`)."""

from __future__ import annotations

EN: dict[str, str] = {
    "plenary.no_paragraph": "There is no paragraph {paragraph} in this document.",
    "plenary.already_reading": "Paragraph {label} is already under reading.",
    "plenary.no_reading": "No paragraph is under reading.",
    "floor.earlier_reading": "{code} asked for the floor on an earlier reading.",
    "floor.not_waiting_for_it": "{code} is not waiting for the floor ({floor_status}).",
    "floor.changed_hands": (
        "The floor has changed hands since you looked: see who is speaking now."
    ),
    "floor.nobody": "Nobody has the floor and nobody is waiting for it.",
    "floor.list_open": "The speakers' list is already open.",
    "floor.list_closed": "The speakers' list is already closed.",
    "floor.request_not_found": "There is no request for the floor {id} in this document.",
    "floor_status.waiting": "waiting",
    "floor_status.speaking": "speaking",
    "floor_status.spoke": "spoke",
    "floor_status.withdrawn": "withdrawn",
    "floor_status.lapsed": "lapsed",
    "paragraph.already_frozen": "Paragraph {paragraph} is already frozen.",
    "paragraph.already_unfrozen": "Paragraph {paragraph} is already not frozen.",
    "position.changed_meanwhile": (
        "{code}'s position on this {target} changed at the same moment; reload it."
    ),
    "position.none_on_version": (
        "{code} has no position on version {version} of paragraph {paragraph} to withdraw."
    ),
    "position.none_on_amendment": "{code} has no position on amendment {id} to withdraw.",
    "target.paragraph": "paragraph",
    "target.amendment": "amendment",
    "silence.not_found": "There is no silence procedure {id}.",
    "silence.not_running": (
        "Silence procedure {id} is {silence_phase}; only a running one can be cancelled."
    ),
    "silence_phase.running": "running",
    "silence_phase.held": "held",
    "silence_phase.broken": "broken",
    "silence_phase.cancelled": "cancelled",
    "silence.started_meanwhile": (
        "Paragraph {paragraph}, version {version}: a silence procedure was started on it at "
        "the same moment."
    ),
    "silence.already_running": (
        "Paragraph {paragraph}, version {version}: a silence procedure is already running "
        "until {deadline}."
    ),
    "silence.already_held": (
        "Paragraph {paragraph}, version {version}: silence already held on this version at "
        "{deadline}."
    ),
    "silence.none_startable": "No paragraph of {revision} can be put under silence.",
    "document.no_revision": "Document {document} has no revision {n}.",
}

ES: dict[str, str] = {
    "plenary.no_paragraph": "No existe el párrafo {paragraph} en este documento.",
    "plenary.already_reading": "El párrafo {label} ya está en lectura.",
    "plenary.no_reading": "Ningún párrafo está en lectura.",
    "floor.earlier_reading": "{code} pidió la palabra en una lectura anterior.",
    "floor.not_waiting_for_it": "{code} no está esperando la palabra ({floor_status}).",
    "floor.changed_hands": (
        "La palabra cambió de manos desde que miró: vea quién tiene la palabra ahora."
    ),
    "floor.nobody": "Nadie tiene la palabra y nadie la está esperando.",
    "floor.list_open": "La lista de oradores ya está abierta.",
    "floor.list_closed": "La lista de oradores ya está cerrada.",
    "floor.request_not_found": "No existe el pedido de palabra {id} en este documento.",
    "floor_status.waiting": "en espera",
    "floor_status.speaking": "tiene la palabra",
    "floor_status.spoke": "ya habló",
    "floor_status.withdrawn": "retirado",
    "floor_status.lapsed": "caducado",
    "paragraph.already_frozen": "El párrafo {paragraph} ya está congelado.",
    "paragraph.already_unfrozen": "El párrafo {paragraph} ya no está congelado.",
    "position.changed_meanwhile": (
        "La posición de {code} sobre {target} cambió en el mismo momento; vuelva a cargarla."
    ),
    "position.none_on_version": (
        "{code} no tiene ninguna posición que retirar sobre la versión {version} del párrafo "
        "{paragraph}."
    ),
    "position.none_on_amendment": (
        "{code} no tiene ninguna posición que retirar sobre la enmienda {id}."
    ),
    "target.paragraph": "este párrafo",
    "target.amendment": "esta enmienda",
    "silence.not_found": "No existe el procedimiento de silencio {id}.",
    "silence.not_running": (
        "El procedimiento de silencio {id} está {silence_phase}; solo se puede cancelar uno "
        "en curso."
    ),
    "silence_phase.running": "en curso",
    "silence_phase.held": "cumplido",
    "silence_phase.broken": "roto",
    "silence_phase.cancelled": "cancelado",
    "silence.started_meanwhile": (
        "Párrafo {paragraph}, versión {version}: se inició un procedimiento de silencio sobre "
        "él en el mismo momento."
    ),
    "silence.already_running": (
        "Párrafo {paragraph}, versión {version}: ya hay un procedimiento de silencio en curso "
        "hasta el {deadline}."
    ),
    "silence.already_held": (
        "Párrafo {paragraph}, versión {version}: el silencio ya se mantuvo sobre esta versión "
        "el {deadline}."
    ),
    "silence.none_startable": (
        "Ningún párrafo de {revision} puede someterse a procedimiento de silencio."
    ),
    "document.no_revision": "El documento {document} no tiene la revisión {n}.",
}

PT: dict[str, str] = {
    "plenary.no_paragraph": "Não existe o parágrafo {paragraph} neste documento.",
    "plenary.already_reading": "O parágrafo {label} já está em leitura.",
    "plenary.no_reading": "Nenhum parágrafo está em leitura.",
    "floor.earlier_reading": "{code} pediu a palavra numa leitura anterior.",
    "floor.not_waiting_for_it": "{code} não está à espera da palavra ({floor_status}).",
    "floor.changed_hands": (
        "A palavra mudou de mãos desde que olhou: veja quem tem a palavra agora."
    ),
    "floor.nobody": "Ninguém tem a palavra e ninguém está à espera dela.",
    "floor.list_open": "A lista de oradores já está aberta.",
    "floor.list_closed": "A lista de oradores já está fechada.",
    "floor.request_not_found": "Não existe o pedido de palavra {id} neste documento.",
    "floor_status.waiting": "em espera",
    "floor_status.speaking": "tem a palavra",
    "floor_status.spoke": "já falou",
    "floor_status.withdrawn": "retirado",
    "floor_status.lapsed": "caducado",
    "paragraph.already_frozen": "O parágrafo {paragraph} já está congelado.",
    "paragraph.already_unfrozen": "O parágrafo {paragraph} já não está congelado.",
    "position.changed_meanwhile": (
        "A posição de {code} sobre {target} mudou no mesmo momento; recarregue-a."
    ),
    "position.none_on_version": (
        "{code} não tem nenhuma posição a retirar sobre a versão {version} do parágrafo "
        "{paragraph}."
    ),
    "position.none_on_amendment": ("{code} não tem nenhuma posição a retirar sobre a emenda {id}."),
    "target.paragraph": "este parágrafo",
    "target.amendment": "esta emenda",
    "silence.not_found": "Não existe o procedimento de silêncio {id}.",
    "silence.not_running": (
        "O procedimento de silêncio {id} está {silence_phase}; só um em curso pode ser cancelado."
    ),
    "silence_phase.running": "em curso",
    "silence_phase.held": "cumprido",
    "silence_phase.broken": "quebrado",
    "silence_phase.cancelled": "cancelado",
    "silence.started_meanwhile": (
        "Parágrafo {paragraph}, versão {version}: um procedimento de silêncio foi iniciado "
        "sobre ele no mesmo momento."
    ),
    "silence.already_running": (
        "Parágrafo {paragraph}, versão {version}: já há um procedimento de silêncio em curso "
        "até {deadline}."
    ),
    "silence.already_held": (
        "Parágrafo {paragraph}, versão {version}: o silêncio já se manteve sobre esta versão "
        "em {deadline}."
    ),
    "silence.none_startable": (
        "Nenhum parágrafo de {revision} pode ser submetido a procedimento de silêncio."
    ),
    "document.no_revision": "O documento {document} não tem a revisão {n}.",
}
