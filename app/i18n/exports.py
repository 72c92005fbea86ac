"""The exports' labels in Spanish and Portuguese (the English ones are the core's own,
`app/drafting/export/strings.py`); the catalogues carry them as `export.<key>`."""

from __future__ import annotations

from app.drafting.export.strings import FIXED, STRINGS

ES: dict[str, str] = {
    "variant.agreed": "Posición común acordada",
    "variant.compilation": "Texto de compilación",
    "status.agreed": "Acordado",
    "status.agreed_ad_ref": "Acordado ad referéndum",
    "status.bracketed": "Entre corchetes",
    "status.open": "Abierto",
    "status.proposed": "Nuevo párrafo propuesto",
    "ad_ref_mark": "(acordado ad referéndum)",
    "nothing_agreed": "Todavía no se ha acordado ningún párrafo.",
    "nothing_open": "No queda ningún párrafo abierto o entre corchetes.",
    "header.document": "Documento",
    "header.symbol": "Signatura",
    "header.distribution": "Distr.",
    "header.original": "Original",
    "header.revision": "Revisión",
    "header.date": "Fecha",
    "header.status": "Estado",
    "option.alt": "Alt. {n}",
    "option.delete": "suprimir",
    "option.conflict": "en conflicto",
    "option.conflict_note": (
        "Conflicto: {label} se propuso sobre la versión {base} y choca con cambios hechos "
        "desde entonces; se muestra tal como se propuso."
    ),
    "option.already_applied": "{label}: el texto ya dice eso.",
    "proposed_by": "Propuesto por: {sponsors}",
    "rationale": "Justificación: {text}",
    "objections": "Objeciones: {text}",
    "reservations": "Reservas: {text}",
    "ad_referendum_by": "Acordado ad referéndum por: {codes}",
    "status_line": "Estado: {status}",
    "positions_on": "Posiciones sobre {label}: {text}",
    "positions": "Posiciones: {text}",
    "stance.support": "apoyado por {codes}",
    "stance.ad_referendum": "acordado ad referéndum por {codes}",
    "stance.reservation": "reservas de {codes}",
    "stance.objection": "objeciones de {codes}",
    "page": "Página {page} de {pages}",
    "distribution.general": "General",
    "distribution.restricted": "Reservada",
    "summary.total_one": "{parts} ({total} párrafo)",
    "summary.total": "{parts} ({total} párrafos)",
    "open.one": "{n} párrafo sigue abierto o entre corchetes: {where}.",
    "open.many": "{n} párrafos siguen abiertos o entre corchetes: {where}.",
    "language.en": "Inglés",
    "language.es": "Español",
    "language.pt": "Portugués",
    "header.language": "Idioma",
    "revision.zero": "Borrador cero",
    "revision.n": "Rev.{n}",
    "revision.current": "Texto actual",
    "translation.stale": (
        "[Traducción desactualizada: traduce la versión {version}; el texto está ahora en la "
        "versión {head}.]"
    ),
    "translation.missing": "[Aún sin traducción al {language}; el texto en {original}:]",
    "parallel.title": "Texto paralelo",
}

PT: dict[str, str] = {
    "variant.agreed": "Posição comum acordada",
    "variant.compilation": "Texto de compilação",
    "status.agreed": "Acordado",
    "status.agreed_ad_ref": "Acordado ad referendum",
    "status.bracketed": "Entre colchetes",
    "status.open": "Em aberto",
    "status.proposed": "Novo parágrafo proposto",
    "ad_ref_mark": "(acordado ad referendum)",
    "nothing_agreed": "Nenhum parágrafo foi acordado ainda.",
    "nothing_open": "Nenhum parágrafo continua em aberto ou entre colchetes.",
    "header.document": "Documento",
    "header.symbol": "Símbolo",
    "header.distribution": "Distr.",
    "header.original": "Original",
    "header.revision": "Revisão",
    "header.date": "Data",
    "header.status": "Situação",
    "option.alt": "Alt. {n}",
    "option.delete": "suprimir",
    "option.conflict": "em conflito",
    "option.conflict_note": (
        "Conflito: {label} foi proposta sobre a versão {base} e colide com alterações feitas "
        "desde então; mostrada como proposta."
    ),
    "option.already_applied": "{label}: o texto já diz isso.",
    "proposed_by": "Proposto por: {sponsors}",
    "rationale": "Justificação: {text}",
    "objections": "Objeções: {text}",
    "reservations": "Reservas: {text}",
    "ad_referendum_by": "Acordado ad referendum por: {codes}",
    "status_line": "Situação: {status}",
    "positions_on": "Posições sobre {label}: {text}",
    "positions": "Posições: {text}",
    "stance.support": "apoiado por {codes}",
    "stance.ad_referendum": "acordado ad referendum por {codes}",
    "stance.reservation": "reservas de {codes}",
    "stance.objection": "objeções de {codes}",
    "page": "Página {page} de {pages}",
    "distribution.general": "Geral",
    "distribution.restricted": "Reservada",
    "summary.total_one": "{parts} ({total} parágrafo)",
    "summary.total": "{parts} ({total} parágrafos)",
    "open.one": "{n} parágrafo continua em aberto ou entre colchetes: {where}.",
    "open.many": "{n} parágrafos continuam em aberto ou entre colchetes: {where}.",
    "language.en": "Inglês",
    "language.es": "Espanhol",
    "language.pt": "Português",
    "header.language": "Idioma",
    "revision.zero": "Rascunho zero",
    "revision.n": "Rev.{n}",
    "revision.current": "Texto atual",
    "translation.stale": (
        "[Tradução desatualizada: traduz a versão {version}; o texto está agora na versão {head}.]"
    ),
    "translation.missing": "[Ainda sem tradução para {language}; o texto em {original}:]",
    "parallel.title": "Texto paralelo",
}


def catalogue(strings: dict[str, str]) -> dict[str, str]:
    """`strings` as catalogue entries (`export.<key>`); the footer's fixed labels left out."""
    return {f"export.{k}": v for k, v in strings.items() if k not in FIXED}


ENGLISH = catalogue(dict(STRINGS))
