"""The refusals of the text itself: documents, sections, paragraphs, their versions, and the
revisions issued from them."""

from __future__ import annotations

EN: dict[str, str] = {
    "document.title_missing": "A document needs a title.",
    "document.consensus_mode": "consensus_mode must be 'silence' or 'explicit'.",
    "document.too_many_sections": (
        "A document has at most {max} sections; this one would have {count}."
    ),
    "document.section_untitled": "Section {position} has no title.",
    "document.section_twice": "Two sections are called {title}.",
    "document.no_section": "This document has no section {section}. Sections: {valid}.",
    "document.no_paragraph": "Document {document} has no paragraph {paragraph}.",
    "section.not_found": "There is no section {id}.",
    "paragraph.no_anchor": "There is no paragraph {paragraph} to insert after.",
    "paragraph.anchor_other_section": "Paragraph {paragraph} is not in that section.",
    "paragraph.unchanged": "The new text is the same as the current version; nothing to save.",
    "paragraph.after_itself": "A paragraph cannot be moved after itself.",
    "paragraph.no_move_anchor": "There is no paragraph {paragraph} to move after.",
    "paragraph.move_where": (
        "Say where to move the paragraph: a section, a paragraph to follow, or both."
    ),
    "paragraph.deleted": "Paragraph {paragraph} has been deleted.",
    "paragraph.version_missing": "Paragraph {paragraph} has no version {n}.",
    "revision.not_next": (
        "{wanted} cannot be issued: the next revision of this document is {next}."
    ),
    "revision.not_next_issued": (
        "{wanted} cannot be issued: the next revision of this document is {next}. "
        "{latest} is already issued."
    ),
    "revision.nothing_to_issue": (
        "This document has no paragraphs yet; there is nothing to issue."
    ),
    "revision.issued_meanwhile": (
        "{revision} was issued by someone else a moment ago; reload the revisions before "
        "issuing another."
    ),
    "revision.not_found_none": (
        "Document {document} has no revision {n}: it has no revisions yet."
    ),
    "revision.not_found_zero": (
        "Document {document} has no revision {n}: only the {first} is issued."
    ),
    "revision.not_found_range": (
        "Document {document} has no revision {n}: its revisions are {first} to {latest}."
    ),
    "revision.to_invalid": (
        "'to' must be a revision number (0 for the Zero draft) or 'now', not {to}."
    ),
    "revision.compare_order": (
        "Compare an earlier revision with a later one: from={from} comes after to={to}."
    ),
    "request.last_event_id": ("Last-Event-ID must be an event's sequence number (a whole number)."),
}

ES: dict[str, str] = {
    "document.title_missing": "Un documento necesita un título.",
    "document.consensus_mode": "consensus_mode debe ser 'silence' o 'explicit'.",
    "document.too_many_sections": (
        "Un documento tiene como máximo {max} secciones; este tendría {count}."
    ),
    "document.section_untitled": "La sección {position} no tiene título.",
    "document.section_twice": "Dos secciones se llaman {title}.",
    "document.no_section": "Este documento no tiene la sección {section}. Secciones: {valid}.",
    "document.no_paragraph": "El documento {document} no tiene el párrafo {paragraph}.",
    "section.not_found": "No existe la sección {id}.",
    "paragraph.no_anchor": "No existe el párrafo {paragraph} tras el cual insertar.",
    "paragraph.anchor_other_section": "El párrafo {paragraph} no está en esa sección.",
    "paragraph.unchanged": (
        "El nuevo texto es igual a la versión actual; no hay nada que guardar."
    ),
    "paragraph.after_itself": "Un párrafo no se puede mover tras sí mismo.",
    "paragraph.no_move_anchor": "No existe el párrafo {paragraph} tras el cual mover.",
    "paragraph.move_where": (
        "Indique adónde mover el párrafo: una sección, un párrafo al que seguir, o ambos."
    ),
    "paragraph.deleted": "El párrafo {paragraph} fue suprimido.",
    "paragraph.version_missing": "El párrafo {paragraph} no tiene la versión {n}.",
    "revision.not_next": (
        "No se puede publicar {wanted}: la próxima revisión de este documento es {next}."
    ),
    "revision.not_next_issued": (
        "No se puede publicar {wanted}: la próxima revisión de este documento es {next}. "
        "{latest} ya está publicada."
    ),
    "revision.nothing_to_issue": (
        "Este documento aún no tiene párrafos; no hay nada que publicar."
    ),
    "revision.issued_meanwhile": (
        "Otra persona acaba de publicar {revision}; vuelva a cargar las revisiones antes de "
        "publicar otra."
    ),
    "revision.not_found_none": (
        "El documento {document} no tiene la revisión {n}: aún no tiene revisiones."
    ),
    "revision.not_found_zero": (
        "El documento {document} no tiene la revisión {n}: solo se publicó el {first}."
    ),
    "revision.not_found_range": (
        "El documento {document} no tiene la revisión {n}: sus revisiones van de {first} "
        "a {latest}."
    ),
    "revision.to_invalid": (
        "'to' debe ser un número de revisión (0 para el Borrador cero) o 'now', no {to}."
    ),
    "revision.compare_order": (
        "Compare una revisión anterior con una posterior: from={from} es posterior a to={to}."
    ),
    "request.last_event_id": (
        "Last-Event-ID debe ser el número de secuencia de un evento (un número entero)."
    ),
}

PT: dict[str, str] = {
    "document.title_missing": "Um documento precisa de um título.",
    "document.consensus_mode": "consensus_mode deve ser 'silence' ou 'explicit'.",
    "document.too_many_sections": ("Um documento tem no máximo {max} seções; este teria {count}."),
    "document.section_untitled": "A seção {position} não tem título.",
    "document.section_twice": "Duas seções chamam-se {title}.",
    "document.no_section": "Este documento não tem a seção {section}. Seções: {valid}.",
    "document.no_paragraph": "O documento {document} não tem o parágrafo {paragraph}.",
    "section.not_found": "Não existe a seção {id}.",
    "paragraph.no_anchor": "Não existe o parágrafo {paragraph} após o qual inserir.",
    "paragraph.anchor_other_section": "O parágrafo {paragraph} não está nessa seção.",
    "paragraph.unchanged": "O novo texto é igual à versão atual; não há nada a guardar.",
    "paragraph.after_itself": "Um parágrafo não pode ser movido para depois de si mesmo.",
    "paragraph.no_move_anchor": "Não existe o parágrafo {paragraph} após o qual mover.",
    "paragraph.move_where": (
        "Indique para onde mover o parágrafo: uma seção, um parágrafo a seguir, ou ambos."
    ),
    "paragraph.deleted": "O parágrafo {paragraph} foi suprimido.",
    "paragraph.version_missing": "O parágrafo {paragraph} não tem a versão {n}.",
    "revision.not_next": (
        "Não se pode publicar {wanted}: a próxima revisão deste documento é {next}."
    ),
    "revision.not_next_issued": (
        "Não se pode publicar {wanted}: a próxima revisão deste documento é {next}. "
        "{latest} já está publicada."
    ),
    "revision.nothing_to_issue": (
        "Este documento ainda não tem parágrafos; não há nada a publicar."
    ),
    "revision.issued_meanwhile": (
        "Outra pessoa acabou de publicar {revision}; recarregue as revisões antes de "
        "publicar outra."
    ),
    "revision.not_found_none": (
        "O documento {document} não tem a revisão {n}: ainda não tem revisões."
    ),
    "revision.not_found_zero": (
        "O documento {document} não tem a revisão {n}: só foi publicado o {first}."
    ),
    "revision.not_found_range": (
        "O documento {document} não tem a revisão {n}: as suas revisões vão de {first} a {latest}."
    ),
    "revision.to_invalid": (
        "'to' deve ser um número de revisão (0 para o Rascunho zero) ou 'now', não {to}."
    ),
    "revision.compare_order": (
        "Compare uma revisão anterior com uma posterior: from={from} vem depois de to={to}."
    ),
    "request.last_event_id": (
        "Last-Event-ID deve ser o número de sequência de um evento (um número inteiro)."
    ),
}
