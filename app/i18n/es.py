"""Español: los mensajes del servidor por código."""

from app.i18n import (
    decisions,
    domains,
    errors,
    exports,
    validation,
)

CATALOGUE: dict[str, str] = {
    **exports.catalogue(exports.ES),
    **errors.ES,
    **validation.ES,
    **domains.merged("ES"),
    **decisions.ES,
    **errors.FIELD_NAMES["es"],
    "consensus.objects": "{code} objeta",
    "consensus.reserves": "{code} formula una reserva",
    "consensus.pending_amendment": "{count} enmienda pendiente",
    "consensus.pending_amendments": "{count} enmiendas pendientes",
    "consensus.silence_running": "procedimiento de silencio en curso hasta el {deadline}",
    "consensus.silence_held": "el silencio se mantuvo hasta el {deadline}",
    "consensus.silence_cancelled": "silencio cancelado el {at}",
    "consensus.silence_broken": "silencio roto",
    "consensus.silence_broken_by": "silencio roto por {by}",
    "consensus.silence_broken_at": "silencio roto el {at}",
    "consensus.silence_broken_by_at": "silencio roto por {by} el {at}",
    "consensus.no_position": "{missing} de {size} miembros no han tomado posición",
    "consensus.ad_referendum": "{code} acuerda ad referéndum",
    "consensus.all_agree": "los {size} miembros están de acuerdo",
    "consensus.no_members": "sin miembros",
    "title.400": "Solicitud incorrecta",
    "title.401": "Sesión no iniciada",
    "title.403": "No permitido",
    "title.404": "No encontrado",
    "title.405": "Método no permitido",
    "title.409": "Conflicto",
    "title.413": "Solicitud demasiado grande",
    "title.422": "Datos no válidos",
    "title.429": "Demasiados intentos",
    "title.500": "Error del servidor",
    "title.503": "Servicio no disponible",
    "auth.wrong_password": "Usuario o contraseña incorrectos.",
    "auth.sign_in_first": "Inicie sesión primero.",
    "translation.negotiating_language": (
        "{lang} es el idioma de negociación de este documento: su texto se enmienda, no se traduce."
    ),
    "translation.unknown_language": (
        "Este documento no se lleva en {lang}; sus idiomas son {languages}."
    ),
    "languages.unknown": "Consenso lleva los textos en en, es, pt; no en {languages}.",
    "languages.negotiating_not_listed": (
        "El idioma de negociación debe ser uno de los idiomas del documento."
    ),
    "languages.negotiating_fixed": (
        "Este documento ya tiene traducciones de su idioma de negociación ({lang}); "
        "no puede cambiar."
    ),
    "paragraph.no_version": (
        "El párrafo {paragraph} tiene las versiones 1 a {head}; no existe la versión {n}."
    ),
    "word_import.unreadable": "El archivo no es un DOCX legible: {reason}.",
    "word_import.not_consenso": (
        "El archivo no lleva los identificadores de Consenso: exporte el texto como DOCX desde "
        "Consenso y haga los cambios en ese archivo."
    ),
    "word_import.other_document": (
        "El archivo se exportó del documento {file_document}, no de este ({document})."
    ),
    "word_import.stale_revision": (
        "El archivo se exportó de {revision} y desde entonces se publicó {latest}: exporte "
        "{latest} y haga los cambios allí."
    ),
    "word_import.identifier_missing": (
        "Estos párrafos perdieron el identificador que les dio la exportación: {paragraphs}. "
        "Conserve el marcador de cada párrafo (consenso-p…) y proponga párrafos nuevos en Consenso."
    ),
    "word_import.unknown_revision": (
        "El archivo nombra una revisión que Consenso no conoce ({value})."
    ),
    "word_import.identifier_unknown": (
        "Estos identificadores no nombran ninguna versión de párrafo de {revision} de este "
        "documento: {identifiers}."
    ),
    "word_import.not_in_file": (
        "El archivo no cambia ningún párrafo con estos ids: {paragraph_ids}; presente los "
        "párrafos que lista la vista previa."
    ),
    "import.unreadable": "El archivo no es ni un DOCX ni texto UTF-8.",
    "import.line_without_text": "La línea {line} tiene una etiqueta pero no un texto.",
    "import.docx_count": (
        "El DOCX tiene {found} párrafos numerados; el documento tiene {expected}. "
        "Exporte el texto de nuevo y traduzca ese archivo."
    ),
    "invitation.none": "Indique al menos una delegación a invitar (codes).",
    "invitation.too_many": "Invite como máximo a {max} delegaciones a la vez.",
    "invitation.not_member": "Solo las delegaciones miembros copatrocinan; no {codes}.",
    "invitation.already_sponsor": "{codes} ya patrocinan la enmienda {id}.",
    "invitation.proposer_only": (
        "Solo quien propuso la enmienda {id} ({proposer}) invita a copatrocinar."
    ),
    "invitation.duplicate": "Una de las delegaciones ya fue invitada y no ha respondido.",
    "invitation.not_found": "No existe la invitación {id}.",
    "invitation.not_addressed": "La invitación {id} está dirigida a {to}, no a {code}.",
    "invitation.answered": "La invitación {id} ya fue respondida: {status}.",
    "inbox.keys": "Indique entre 1 y {max} elementos de la bandeja (keys).",
    "inbox.not_dismissible": (
        "Solo las decisiones, respuestas y conflictos se marcan como vistos; no {keys}."
    ),
    "inbox.seen_race": (
        "Estos elementos acaban de marcarse como vistos; vuelva a cargar la bandeja."
    ),
    "settings.numbering": "Numeración desconocida {value}; elija una de: {valid}.",
    "settings.distribution": "Distribución desconocida {value}; elija una de: {valid}.",
    "settings.language": "{value} no es un código de idioma (p. ej. en, es, pt).",
    "settings.section_kind": (
        "Tipo de sección desconocido {value}; elija uno de: {valid} (o ninguno)."
    ),
    "exports.parallel_format": "Una exportación paralela se hace en html o docx, no en {format}.",
    "exports.parallel_language": (
        "Una exportación paralela pone el idioma de negociación ({lang}) junto a otro: "
        "elíjalo con lang."
    ),
    "translation.awaiting_concordance": "pendiente de concordancia: {languages}",
    "export_jobs.json": "El volcado JSON se descarga directamente (GET .../export?format=json).",
    "export_jobs.not_ready": "Esta exportación aún no está lista ({status}, {progress}%).",
    "export_jobs.failed": (
        "Esta exportación falló ({error}); pídala de nuevo o avise a la secretaría."
    ),
    "export_jobs.expired": (
        "El archivo de esta exportación salió de la caché; pida la exportación de nuevo."
    ),
    "blame.zero_draft": "Texto del borrador cero",
    "blame.merged": (
        "Del compromiso de la copresidencia que fusiona las enmiendas de "
        "{proposers} ({codes}), {when}"
    ),
    "blame.amendment": "De la enmienda de {proposer} ({codes}), aceptada {when}",
    "blame.changed": "{how} por {who} {when}",
    "blame.when.in": "en {revision}",
    "blame.when.pending": "(todavía en ninguna revisión)",
    "blame.who.chair": "la copresidencia de la {bloc}",
    "blame.who.secretariat": "la secretaría",
    "blame.who.named": "{name}",
    "blame.how.create": "Redactado",
    "blame.how.edit": "Editado",
    "blame.how.restore": "Restablecido",
    "blame.how.other": "Cambiado",
}
