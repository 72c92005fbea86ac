"""What became of an amendment and why it no longer applies, in Spanish and Portuguese (the
English is the core's own, app/drafting/messages.py)."""

from __future__ import annotations

ES: dict[str, str] = {
    "decision.superseded_by_deletion": (
        "el párrafo {paragraph} se suprimió al aceptarse la enmienda {amendment}."
    ),
    "decision.already_contained": "La versión {version} ya contenía sus cambios.",
    "decision.replaced_by_chairs": (
        "Sustituida por la propuesta de la copresidencia (enmienda {amendment}), adoptada "
        "como versión {version}."
    ),
    "decision.adopted_replacing": (
        "Adoptada como versión {version}, en sustitución de las enmiendas {amendments}."
    ),
    "decision.adopted": "Adoptada como versión {version}.",
    "rebase.not_pending_accepted": "La enmienda fue aceptada.",
    "rebase.not_pending_partly_accepted": "La enmienda fue aceptada en parte.",
    "rebase.not_pending_rejected": "La enmienda fue rechazada.",
    "rebase.not_pending_withdrawn": "La enmienda fue retirada.",
    "rebase.not_pending_superseded": "La enmienda quedó sin efecto.",
    "rebase.anchor_deleted": (
        "Se suprimió el párrafo {paragraph}, al que debía seguir el nuevo párrafo."
    ),
    "rebase.paragraph_deleted": "Se suprimió el párrafo {paragraph}.",
    "rebase.paragraph_changed": "El párrafo cambió desde la versión {version}.",
}

PT: dict[str, str] = {
    "decision.superseded_by_deletion": (
        "o parágrafo {paragraph} foi suprimido ao ser aceita a emenda {amendment}."
    ),
    "decision.already_contained": "A versão {version} já continha as suas alterações.",
    "decision.replaced_by_chairs": (
        "Substituída pela proposta da copresidência (emenda {amendment}), adotada como "
        "versão {version}."
    ),
    "decision.adopted_replacing": (
        "Adotada como versão {version}, em substituição das emendas {amendments}."
    ),
    "decision.adopted": "Adotada como versão {version}.",
    "rebase.not_pending_accepted": "A emenda foi aceita.",
    "rebase.not_pending_partly_accepted": "A emenda foi aceita em parte.",
    "rebase.not_pending_rejected": "A emenda foi rejeitada.",
    "rebase.not_pending_withdrawn": "A emenda foi retirada.",
    "rebase.not_pending_superseded": "A emenda ficou sem efeito.",
    "rebase.anchor_deleted": (
        "Foi suprimido o parágrafo {paragraph}, que o novo parágrafo devia seguir."
    ),
    "rebase.paragraph_deleted": "Foi suprimido o parágrafo {paragraph}.",
    "rebase.paragraph_changed": "O parágrafo mudou desde a versão {version}.",
}
