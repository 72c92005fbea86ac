"""The refusals the core writes as sentences (app/drafting/consensus.py), by code: a service
that raises one names its code with `core_code`, so it reads in the reader's language."""

from __future__ import annotations

from app.drafting import consensus

EN: dict[str, str] = {
    "position.observers": consensus.OBSERVERS_TAKE_NO_POSITION,
    "position.objection_needs_reason": consensus.OBJECTION_NEEDS_REASON,
    "amendment.paragraph_frozen": consensus.PARAGRAPH_FROZEN,
    "silence.explicit_mode": consensus.EXPLICIT_MODE_NO_SILENCE,
    "silence.deadline_not_after_start": consensus.DEADLINE_NOT_AFTER_START,
}

ES: dict[str, str] = {
    "position.observers": "Solo las delegaciones miembros toman posición.",
    "position.objection_needs_reason": "Una objeción necesita un motivo.",
    "amendment.paragraph_frozen": (
        "La copresidencia congeló este párrafo: no admite nuevas enmiendas."
    ),
    "silence.explicit_mode": (
        "Este documento requiere un acuerdo explícito: no hay procedimiento de silencio."
    ),
    "silence.deadline_not_after_start": (
        "El plazo debe ser posterior al inicio del procedimiento de silencio."
    ),
}

PT: dict[str, str] = {
    "position.observers": "Só as delegações membros tomam posição.",
    "position.objection_needs_reason": "Uma objeção precisa de um motivo.",
    "amendment.paragraph_frozen": (
        "A copresidência congelou este parágrafo: não aceita novas emendas."
    ),
    "silence.explicit_mode": (
        "Este documento exige acordo explícito: não há procedimento de silêncio."
    ),
    "silence.deadline_not_after_start": (
        "O prazo deve ser posterior ao início do procedimento de silêncio."
    ),
}

# The core's sentence -> its code.
CODES = {sentence: code for code, sentence in EN.items()}


def core_code(sentence: str) -> str:
    """The code of a refusal the core wrote (the sentence itself if it has none)."""
    return CODES.get(sentence, sentence)
