"""The refusals of amendments: proposing, revising, deciding, merging and undoing them."""

from __future__ import annotations

EN: dict[str, str] = {
    "amendment.named_twice": "An amendment is named twice in {field}.",
    "amendment.not_on_paragraph": "Amendment {id} is not on paragraph {paragraph}.",
    "amendment.co_sponsor_not_proposer": (
        "{code} co-sponsors amendment {id}; only its proposer, {proposer}, can {action}. "
        "A co-sponsor can leave it instead."
    ),
    "amendment.proposer_only": "Only the proposer of amendment {id} ({proposer}) can {action}.",
    "chairs.not_wording_amendment": "Amendment {id} is not a delegation's wording amendment.",
    "chairs.replaces_decided": "Amendment {id} is {amendment_status}; it replaces nothing.",
    "chairs.proposal_no_longer_applies": (
        "The chairs' proposal {id} no longer applies to version {head} of paragraph "
        "{paragraph}: table a new one on it."
    ),
    "decision.expected_version": (
        "Name the expected_version: the paragraph version you are deciding on."
    ),
    "decision.paragraph_deleted": (
        "Paragraph {paragraph} has been deleted; amendment {id} no longer applies. "
        "Reject it or ask its sponsors to withdraw it."
    ),
    "decision.no_longer_applies": (
        "Amendment {id} no longer applies to version {head} of paragraph {paragraph}: "
        "{count} passage(s) it changes were changed since version {base}. Merge it by hand "
        "or ask its sponsors to revise it."
    ),
    "decision.anchor_deleted": (
        "Paragraph {paragraph}, which the new paragraph was to follow, has been deleted. "
        "Reject the amendment or ask its sponsors to propose it again."
    ),
    "decision.new_paragraph_version": (
        "A new paragraph has no version yet: send expected_version 0 or leave it out."
    ),
    "merge.none": "Name at least one amendment to merge.",
    "merge.same_text": "The compromise text is the same as version {version}; nothing to merge.",
    "merge.deletion": (
        "Amendment {id} proposes to delete the paragraph; only wording amendments can be "
        "merged. Accept or reject it on its own."
    ),
    "proposal.base_version": (
        "Name the base_version: the version of the paragraph you are amending."
    ),
    "proposal.changes_nothing": (
        "The amendment changes nothing: the proposed text is the same as version {version}."
    ),
    "proposal.replaces_chairs_only": "Only the co-chairs' proposal replaces other amendments.",
    "proposal.structural_kind": (
        "This endpoint takes insert_paragraph or delete_paragraph amendments; propose new "
        "wording with POST /api/paragraphs/{{paragraph_id}}/amendments."
    ),
    "proposal.section_missing": (
        "Say in which section the new paragraph goes (section id or key)."
    ),
    "proposal.anchor_other_section": "Paragraph {paragraph} is not in section '{section}'.",
    "proposal.deletion_target": "Name the paragraph_id of the paragraph to delete.",
    "proposal.deletion_text": "A deletion proposes no text; leave `text` empty.",
    "proposal.revision_unchanged": (
        "The revision changes nothing: same text, base version and rationale."
    ),
    "proposal.paragraph_deleted": (
        "Paragraph {paragraph} has been deleted; withdraw the amendment."
    ),
    "proposal.insert_base_version": (
        "A new paragraph has no base version; leave base_version out."
    ),
    "undo.nothing": "Paragraph {paragraph} has no decision to undo.",
    "undo.earlier_round": (
        "The last decision on paragraph {paragraph} was taken in an earlier round; only a "
        "decision of the current round can be undone."
    ),
    "undo.moved_on": (
        "Paragraph {paragraph} has moved on since amendment {id} was decided; only the last "
        "decision can be undone."
    ),
    "undo.pending_on_insert": (
        "Amendments are pending on paragraph {paragraph} ({ids}); decide them before undoing "
        "its insertion."
    ),
}

ES: dict[str, str] = {
    "amendment.named_twice": "Una enmienda figura dos veces en {field}.",
    "amendment.not_on_paragraph": "La enmienda {id} no se refiere al párrafo {paragraph}.",
    "amendment.co_sponsor_not_proposer": (
        "{code} copatrocina la enmienda {id}; solo quien la propuso, {proposer}, puede "
        "{action}. Un copatrocinador puede dejarla en su lugar."
    ),
    "amendment.proposer_only": ("Solo quien propuso la enmienda {id} ({proposer}) puede {action}."),
    "chairs.not_wording_amendment": (
        "La enmienda {id} no es una enmienda de redacción de una delegación."
    ),
    "chairs.replaces_decided": "La enmienda {id} está {amendment_status}; no reemplaza nada.",
    "chairs.proposal_no_longer_applies": (
        "La propuesta {id} de la copresidencia ya no se aplica a la versión {head} del "
        "párrafo {paragraph}: presente una nueva sobre ella."
    ),
    "decision.expected_version": (
        "Indique expected_version: la versión del párrafo sobre la que decide."
    ),
    "decision.paragraph_deleted": (
        "El párrafo {paragraph} fue suprimido; la enmienda {id} ya no se aplica. "
        "Rechácela o pida a sus patrocinadores que la retiren."
    ),
    "decision.no_longer_applies": (
        "La enmienda {id} ya no se aplica a la versión {head} del párrafo {paragraph}: "
        "{count} pasaje(s) que modifica cambiaron desde la versión {base}. Fusiónela a mano "
        "o pida a sus patrocinadores que la revisen."
    ),
    "decision.anchor_deleted": (
        "El párrafo {paragraph}, al que debía seguir el nuevo párrafo, fue suprimido. "
        "Rechace la enmienda o pida a sus patrocinadores que la propongan de nuevo."
    ),
    "decision.new_paragraph_version": (
        "Un párrafo nuevo aún no tiene versión: envíe expected_version 0 u omítalo."
    ),
    "merge.none": "Indique al menos una enmienda a fusionar.",
    "merge.same_text": (
        "El texto de compromiso es igual a la versión {version}; no hay nada que fusionar."
    ),
    "merge.deletion": (
        "La enmienda {id} propone suprimir el párrafo; solo se pueden fusionar enmiendas de "
        "redacción. Acéptela o rechácela por separado."
    ),
    "proposal.base_version": ("Indique base_version: la versión del párrafo que enmienda."),
    "proposal.changes_nothing": (
        "La enmienda no cambia nada: el texto propuesto es igual a la versión {version}."
    ),
    "proposal.replaces_chairs_only": (
        "Solo la propuesta de la copresidencia reemplaza otras enmiendas."
    ),
    "proposal.structural_kind": (
        "Este punto de acceso admite enmiendas insert_paragraph o delete_paragraph; proponga "
        "una nueva redacción con POST /api/paragraphs/{{paragraph_id}}/amendments."
    ),
    "proposal.section_missing": (
        "Indique en qué sección va el nuevo párrafo (id o clave de la sección)."
    ),
    "proposal.anchor_other_section": ("El párrafo {paragraph} no está en la sección «{section}»."),
    "proposal.deletion_target": "Indique el paragraph_id del párrafo a suprimir.",
    "proposal.deletion_text": "Una supresión no propone texto; deje `text` vacío.",
    "proposal.revision_unchanged": (
        "La revisión no cambia nada: el mismo texto, la misma versión base y la misma "
        "justificación."
    ),
    "proposal.paragraph_deleted": ("El párrafo {paragraph} fue suprimido; retire la enmienda."),
    "proposal.insert_base_version": ("Un párrafo nuevo no tiene versión base; omita base_version."),
    "undo.nothing": "El párrafo {paragraph} no tiene ninguna decisión que deshacer.",
    "undo.earlier_round": (
        "La última decisión sobre el párrafo {paragraph} se tomó en una ronda anterior; solo "
        "se puede deshacer una decisión de la ronda en curso."
    ),
    "undo.moved_on": (
        "El párrafo {paragraph} cambió desde que se decidió la enmienda {id}; solo se puede "
        "deshacer la última decisión."
    ),
    "undo.pending_on_insert": (
        "Hay enmiendas pendientes sobre el párrafo {paragraph} ({ids}); decídalas antes de "
        "deshacer su inserción."
    ),
}

PT: dict[str, str] = {
    "amendment.named_twice": "Uma emenda figura duas vezes em {field}.",
    "amendment.not_on_paragraph": "A emenda {id} não se refere ao parágrafo {paragraph}.",
    "amendment.co_sponsor_not_proposer": (
        "{code} copatrocina a emenda {id}; só quem a propôs, {proposer}, pode {action}. "
        "Um copatrocinador pode deixá-la em vez disso."
    ),
    "amendment.proposer_only": "Só quem propôs a emenda {id} ({proposer}) pode {action}.",
    "chairs.not_wording_amendment": ("A emenda {id} não é uma emenda de redação de uma delegação."),
    "chairs.replaces_decided": "A emenda {id} está {amendment_status}; não substitui nada.",
    "chairs.proposal_no_longer_applies": (
        "A proposta {id} da copresidência já não se aplica à versão {head} do parágrafo "
        "{paragraph}: apresente uma nova sobre ela."
    ),
    "decision.expected_version": (
        "Indique expected_version: a versão do parágrafo sobre a qual decide."
    ),
    "decision.paragraph_deleted": (
        "O parágrafo {paragraph} foi suprimido; a emenda {id} já não se aplica. "
        "Rejeite-a ou peça aos seus patrocinadores que a retirem."
    ),
    "decision.no_longer_applies": (
        "A emenda {id} já não se aplica à versão {head} do parágrafo {paragraph}: "
        "{count} passagem(ns) que altera mudaram desde a versão {base}. Funda-a à mão "
        "ou peça aos seus patrocinadores que a revejam."
    ),
    "decision.anchor_deleted": (
        "O parágrafo {paragraph}, a que o novo parágrafo devia seguir-se, foi suprimido. "
        "Rejeite a emenda ou peça aos seus patrocinadores que a proponham de novo."
    ),
    "decision.new_paragraph_version": (
        "Um parágrafo novo ainda não tem versão: envie expected_version 0 ou omita-o."
    ),
    "merge.none": "Indique ao menos uma emenda a fundir.",
    "merge.same_text": ("O texto de compromisso é igual à versão {version}; não há nada a fundir."),
    "merge.deletion": (
        "A emenda {id} propõe suprimir o parágrafo; só emendas de redação podem ser "
        "fundidas. Aceite-a ou rejeite-a separadamente."
    ),
    "proposal.base_version": "Indique base_version: a versão do parágrafo que emenda.",
    "proposal.changes_nothing": (
        "A emenda não altera nada: o texto proposto é igual à versão {version}."
    ),
    "proposal.replaces_chairs_only": "Só a proposta da copresidência substitui outras emendas.",
    "proposal.structural_kind": (
        "Este ponto de acesso aceita emendas insert_paragraph ou delete_paragraph; proponha "
        "uma nova redação com POST /api/paragraphs/{{paragraph_id}}/amendments."
    ),
    "proposal.section_missing": (
        "Indique em que seção fica o novo parágrafo (id ou chave da seção)."
    ),
    "proposal.anchor_other_section": "O parágrafo {paragraph} não está na seção «{section}».",
    "proposal.deletion_target": "Indique o paragraph_id do parágrafo a suprimir.",
    "proposal.deletion_text": "Uma supressão não propõe texto; deixe `text` vazio.",
    "proposal.revision_unchanged": (
        "A revisão não altera nada: o mesmo texto, a mesma versão base e a mesma justificação."
    ),
    "proposal.paragraph_deleted": "O parágrafo {paragraph} foi suprimido; retire a emenda.",
    "proposal.insert_base_version": ("Um parágrafo novo não tem versão base; omita base_version."),
    "undo.nothing": "O parágrafo {paragraph} não tem nenhuma decisão a desfazer.",
    "undo.earlier_round": (
        "A última decisão sobre o parágrafo {paragraph} foi tomada numa rodada anterior; só "
        "uma decisão da rodada em curso pode ser desfeita."
    ),
    "undo.moved_on": (
        "O parágrafo {paragraph} mudou desde que a emenda {id} foi decidida; só a última "
        "decisão pode ser desfeita."
    ),
    "undo.pending_on_insert": (
        "Há emendas pendentes sobre o parágrafo {paragraph} ({ids}); decida-as antes de "
        "desfazer a sua inserção."
    ),
}
