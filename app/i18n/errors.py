"""The messages of the errors every request can meet (text checks, sessions, sign-in limits,
missing rows, the request itself), in English, Spanish and Portuguese; and the names of the
fields a text check names (`what`), so "The rationale cannot be empty." reads whole in Spanish."""

from __future__ import annotations

EN: dict[str, str] = {
    "sponsor.own_delegation": (
        "A delegate acts only for their own delegation ({own}), not for {other}."
    ),
    "sponsor.is_proposer": "{code} proposed amendment {id}; it is already its sponsor.",
    "sponsor.already": "{code} already co-sponsors amendment {id}.",
    "sponsor.proposer_cannot_leave": (
        "{code} proposed amendment {id} and cannot leave it; withdraw it instead."
    ),
    "sponsor.not_sponsor": "{code} does not co-sponsor amendment {id}.",
    "floor.speaking": "{code} has the floor.",
    "floor.already_listed": "{code} is already on the speakers' list.",
    "floor.no_reading": "No paragraph is under reading: there is no floor to ask for.",
    "floor.moved_on": "Paragraph {paragraph} is no longer under reading.",
    "floor.closed": "The chairs have closed the speakers' list.",
    "floor.observer": "Observers read the speakers' list; they are not on it.",
    "floor.not_yours": "Only {code} (or the chairs) can withdraw its request for the floor.",
    "floor.not_waiting": (
        "The request of {code} is no longer waiting: only a waiting request can be withdrawn."
    ),
    "text.nul": "{what} cannot contain NUL characters.",
    "text.refused_character": (
        "{what} contains {character} at character {position}, which cannot be stored; "
        "remove it and send the text again."
    ),
    "text.blank": "{what} cannot be empty or only spaces.",
    "text.empty": "{what} cannot be empty.",
    "text.single_line": "{what} must be a single line.",
    "text.too_long": "{what} is {length} characters long; the limit is {limit}.",
    "text.stale_version": (
        "Paragraph {paragraph} is at version {head}, not {expected}: someone changed it "
        "meanwhile. Reload it and apply your change to the current text."
    ),
    "auth.session_invalid": "Your session is not valid. Sign in again.",
    "auth.session_ended": "Your session has ended. Sign in again.",
    "auth.too_many_account": (
        "Too many failed sign-ins for this account ({amount} within {window} seconds). "
        "Wait {window} seconds and try again."
    ),
    "auth.too_many_address": (
        "Too many failed sign-ins for your network address ({amount} within {window} seconds). "
        "Wait {window} seconds and try again."
    ),
    "auth.throttle_unreachable": "Sign-in is unavailable for a moment. Try again shortly.",
    "amendment.not_found": "There is no amendment {id}.",
    "paragraph.not_found": "There is no paragraph {id}.",
    "document.not_found": "There is no document {id}.",
    "request.invalid": "The request is not valid: {summary}.",
    "request.nothing_at": "There is nothing at {path}.",
    "request.method_not_allowed": "{method} is not allowed on {path}.",
    "request.race": "Someone else changed this at the same moment. Reload and try again.",
    "request.database_unavailable": "The database is busy or unreachable. Try again in a moment.",
    "request.server_error": (
        "Something went wrong on the server; nothing was saved. The error was logged."
    ),
    "request.out_of_range": (
        "A value in the request cannot be stored or looked up: a number out of range or a text "
        "too long. Nothing was saved."
    ),
    "request.unencodable": (
        "The request holds text that is not valid Unicode (a lone surrogate). Nothing was saved."
    ),
}

ES: dict[str, str] = {
    "sponsor.own_delegation": (
        "Un delegado actúa solo por su propia delegación ({own}), no por {other}."
    ),
    "sponsor.is_proposer": "{code} propuso la enmienda {id}; ya es su patrocinador.",
    "sponsor.already": "{code} ya copatrocina la enmienda {id}.",
    "sponsor.proposer_cannot_leave": (
        "{code} propuso la enmienda {id} y no puede dejarla; retírela en su lugar."
    ),
    "sponsor.not_sponsor": "{code} no copatrocina la enmienda {id}.",
    "floor.speaking": "{code} tiene la palabra.",
    "floor.already_listed": "{code} ya está en la lista de oradores.",
    "floor.no_reading": "Ningún párrafo está en lectura: no hay palabra que pedir.",
    "floor.moved_on": "El párrafo {paragraph} ya no está en lectura.",
    "floor.closed": "La copresidencia cerró la lista de oradores.",
    "floor.observer": "Los observadores leen la lista de oradores; no figuran en ella.",
    "floor.not_yours": "Solo {code} (o la copresidencia) puede retirar su pedido de palabra.",
    "floor.not_waiting": (
        "El pedido de {code} ya no está en espera: solo se puede retirar un pedido en espera."
    ),
    "text.nul": "{what}: no puede contener caracteres NUL.",
    "text.refused_character": (
        "{what}: contiene {character} en el carácter {position}, que no se puede guardar; "
        "quítelo y envíe el texto de nuevo."
    ),
    "text.blank": "{what}: no puede estar vacío ni tener solo espacios.",
    "text.empty": "{what}: no puede estar vacío.",
    "text.single_line": "{what}: debe ocupar una sola línea.",
    "text.too_long": "{what}: tiene {length} caracteres; el límite es {limit}.",
    "text.stale_version": (
        "El párrafo {paragraph} está en la versión {head}, no en la {expected}: alguien lo "
        "cambió entretanto. Vuelva a cargarlo y aplique su cambio al texto actual."
    ),
    "auth.session_invalid": "Su sesión no es válida. Inicie sesión de nuevo.",
    "auth.session_ended": "Su sesión terminó. Inicie sesión de nuevo.",
    "auth.too_many_account": (
        "Demasiados intentos fallidos con esta cuenta ({amount} en {window} segundos). Espere "
        "{window} segundos y "
        "vuelva a intentarlo."
    ),
    "auth.too_many_address": (
        "Demasiados intentos fallidos desde su dirección de red ({amount} en {window} "
        "segundos). Espere {window} "
        "segundos y vuelva a intentarlo."
    ),
    "auth.throttle_unreachable": (
        "El inicio de sesión no está disponible por un momento. Vuelva a intentarlo en breve."
    ),
    "amendment.not_found": "No existe la enmienda {id}.",
    "paragraph.not_found": "No existe el párrafo {id}.",
    "document.not_found": "No existe el documento {id}.",
    "request.invalid": "La solicitud no es válida: {summary}.",
    "request.nothing_at": "No hay nada en {path}.",
    "request.method_not_allowed": "{method} no está permitido en {path}.",
    "request.race": (
        "Otra persona cambió esto en el mismo momento. Vuelva a cargar e inténtelo de nuevo."
    ),
    "request.database_unavailable": (
        "La base de datos está ocupada o no responde. Inténtelo de nuevo en un momento."
    ),
    "request.server_error": (
        "Algo falló en el servidor; no se guardó nada. El error quedó registrado."
    ),
    "request.out_of_range": (
        "Un valor de la solicitud no se puede guardar ni buscar: un número fuera de rango o un "
        "texto demasiado largo. No se guardó nada."
    ),
    "request.unencodable": (
        "La solicitud contiene texto que no es Unicode válido (un sustituto aislado). "
        "No se guardó nada."
    ),
}

PT: dict[str, str] = {
    "sponsor.own_delegation": (
        "Um delegado age só pela sua própria delegação ({own}), não por {other}."
    ),
    "sponsor.is_proposer": "{code} propôs a emenda {id}; já é o seu patrocinador.",
    "sponsor.already": "{code} já copatrocina a emenda {id}.",
    "sponsor.proposer_cannot_leave": (
        "{code} propôs a emenda {id} e não pode deixá-la; retire-a em vez disso."
    ),
    "sponsor.not_sponsor": "{code} não copatrocina a emenda {id}.",
    "floor.speaking": "{code} tem a palavra.",
    "floor.already_listed": "{code} já está na lista de oradores.",
    "floor.no_reading": "Nenhum parágrafo está em leitura: não há palavra a pedir.",
    "floor.moved_on": "O parágrafo {paragraph} já não está em leitura.",
    "floor.closed": "A copresidência fechou a lista de oradores.",
    "floor.observer": "Os observadores leem a lista de oradores; não constam dela.",
    "floor.not_yours": "Só {code} (ou a copresidência) pode retirar o seu pedido de palavra.",
    "floor.not_waiting": (
        "O pedido de {code} já não está em espera: só um pedido em espera pode ser retirado."
    ),
    "text.nul": "{what}: não pode conter caracteres NUL.",
    "text.refused_character": (
        "{what}: contém {character} no carácter {position}, que não pode ser guardado; "
        "retire-o e envie o texto de novo."
    ),
    "text.blank": "{what}: não pode estar vazio nem ter só espaços.",
    "text.empty": "{what}: não pode estar vazio.",
    "text.single_line": "{what}: deve ocupar uma só linha.",
    "text.too_long": "{what}: tem {length} caracteres; o limite é {limit}.",
    "text.stale_version": (
        "O parágrafo {paragraph} está na versão {head}, não na {expected}: alguém o alterou "
        "entretanto. Recarregue-o e aplique a sua alteração ao texto atual."
    ),
    "auth.session_invalid": "A sua sessão não é válida. Inicie a sessão de novo.",
    "auth.session_ended": "A sua sessão terminou. Inicie a sessão de novo.",
    "auth.too_many_account": (
        "Tentativas falhadas demais com esta conta ({amount} em {window} segundos). Aguarde "
        "{window} segundos e "
        "tente de novo."
    ),
    "auth.too_many_address": (
        "Tentativas falhadas demais a partir do seu endereço de rede ({amount} em {window} "
        "segundos). Aguarde "
        "{window} segundos e tente de novo."
    ),
    "auth.throttle_unreachable": (
        "O início de sessão está indisponível por um momento. Tente de novo em breve."
    ),
    "amendment.not_found": "Não existe a emenda {id}.",
    "paragraph.not_found": "Não existe o parágrafo {id}.",
    "document.not_found": "Não existe o documento {id}.",
    "request.invalid": "O pedido não é válido: {summary}.",
    "request.nothing_at": "Não há nada em {path}.",
    "request.method_not_allowed": "{method} não é permitido em {path}.",
    "request.race": "Outra pessoa alterou isto no mesmo momento. Recarregue e tente de novo.",
    "request.database_unavailable": (
        "A base de dados está ocupada ou não responde. Tente de novo dentro de momentos."
    ),
    "request.server_error": ("Algo falhou no servidor; nada foi guardado. O erro ficou registado."),
    "request.out_of_range": (
        "Um valor do pedido não pode ser guardado nem procurado: um número fora do intervalo ou "
        "um texto longo demais. Nada foi guardado."
    ),
    "request.unencodable": (
        "O pedido contém texto que não é Unicode válido (um substituto isolado). Nada foi guardado."
    ),
}

# The fields a text check names, as `what`: English as the services write it -> its code.
FIELDS = {
    "A comment": "field.comment",
    "A note": "field.note",
    "A paragraph": "field.paragraph",
    "A rejection's reason": "field.rejection_reason",
    "A translation": "field.translation",
    "The amended paragraph": "field.amended_paragraph",
    "The compromise text": "field.compromise",
    "The note": "field.note",
    "The proposed paragraph": "field.proposed_paragraph",
    "The proposed text": "field.proposed_text",
    "The rationale": "field.rationale",
    "The reason": "field.reason",
    "The symbol": "field.symbol",
    "The title": "field.title",
}
FIELD_NAMES = {
    "en": {
        "field.comment": "A comment",
        "field.note": "The note",
        "field.paragraph": "A paragraph",
        "field.rejection_reason": "A rejection's reason",
        "field.translation": "A translation",
        "field.amended_paragraph": "The amended paragraph",
        "field.compromise": "The compromise text",
        "field.proposed_paragraph": "The proposed paragraph",
        "field.proposed_text": "The proposed text",
        "field.rationale": "The rationale",
        "field.reason": "The reason",
        "field.symbol": "The symbol",
        "field.title": "The title",
    },
    "es": {
        "field.comment": "El comentario",
        "field.note": "La nota",
        "field.paragraph": "El párrafo",
        "field.rejection_reason": "El motivo del rechazo",
        "field.translation": "La traducción",
        "field.amended_paragraph": "El párrafo enmendado",
        "field.compromise": "El texto de compromiso",
        "field.proposed_paragraph": "El párrafo propuesto",
        "field.proposed_text": "El texto propuesto",
        "field.rationale": "La justificación",
        "field.reason": "El motivo",
        "field.symbol": "La signatura",
        "field.title": "El título",
    },
    "pt": {
        "field.comment": "O comentário",
        "field.note": "A nota",
        "field.paragraph": "O parágrafo",
        "field.rejection_reason": "O motivo da rejeição",
        "field.translation": "A tradução",
        "field.amended_paragraph": "O parágrafo emendado",
        "field.compromise": "O texto de compromisso",
        "field.proposed_paragraph": "O parágrafo proposto",
        "field.proposed_text": "O texto proposto",
        "field.rationale": "A justificação",
        "field.reason": "O motivo",
        "field.symbol": "O símbolo",
        "field.title": "O título",
    },
}
