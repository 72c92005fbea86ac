"""The refusals of accounts: creating one, naming it, its password."""

from __future__ import annotations

EN: dict[str, str] = {
    "account.unknown_participant": "Unknown participant code {code}.",
    "account.delegate_member": "A delegate account must belong to a member delegation.",
    "account.observer_organisation": (
        "An observer account must belong to an observer organisation."
    ),
    "account.chair_side_delegation": (
        "Co-chairs and the secretariat do not speak for a delegation."
    ),
    "account.chair_conference": (
        "A co-chair account must name the conference it presides: RCM or SACM."
    ),
    "account.username_taken": "The username {username} is taken.",
    "account.not_found": "No account named {username}.",
    "account.password_short": "A password needs at least 8 characters.",
}

ES: dict[str, str] = {
    "account.unknown_participant": "Código de participante desconocido {code}.",
    "account.delegate_member": ("Una cuenta de delegado debe pertenecer a una delegación miembro."),
    "account.observer_organisation": (
        "Una cuenta de observador debe pertenecer a una organización observadora."
    ),
    "account.chair_side_delegation": (
        "La copresidencia y la secretaría no hablan en nombre de una delegación."
    ),
    "account.chair_conference": (
        "Una cuenta de copresidencia debe indicar la conferencia que preside: RCM o SACM."
    ),
    "account.username_taken": "El nombre de usuario {username} ya está en uso.",
    "account.not_found": "No existe ninguna cuenta llamada {username}.",
    "account.password_short": "Una contraseña necesita al menos 8 caracteres.",
}

PT: dict[str, str] = {
    "account.unknown_participant": "Código de participante desconhecido {code}.",
    "account.delegate_member": "Uma conta de delegado deve pertencer a uma delegação membro.",
    "account.observer_organisation": (
        "Uma conta de observador deve pertencer a uma organização observadora."
    ),
    "account.chair_side_delegation": (
        "A copresidência e o secretariado não falam em nome de uma delegação."
    ),
    "account.chair_conference": (
        "Uma conta de copresidência deve indicar a conferência que preside: RCM ou SACM."
    ),
    "account.username_taken": "O nome de utilizador {username} já está em uso.",
    "account.not_found": "Não existe nenhuma conta chamada {username}.",
    "account.password_short": "Uma palavra-passe precisa de pelo menos 8 caracteres.",
}
