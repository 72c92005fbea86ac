"""Português: as mensagens do servidor por código."""

from app.i18n import (
    decisions,
    domains,
    errors,
    exports,
    validation,
)

CATALOGUE: dict[str, str] = {
    **exports.catalogue(exports.PT),
    **errors.PT,
    **validation.PT,
    **domains.merged("PT"),
    **decisions.PT,
    **errors.FIELD_NAMES["pt"],
    "consensus.objects": "{code} objeta",
    "consensus.reserves": "{code} formula uma reserva",
    "consensus.pending_amendment": "{count} emenda pendente",
    "consensus.pending_amendments": "{count} emendas pendentes",
    "consensus.silence_running": "procedimento de silêncio em curso até {deadline}",
    "consensus.silence_held": "o silêncio manteve-se até {deadline}",
    "consensus.silence_cancelled": "silêncio cancelado em {at}",
    "consensus.silence_broken": "silêncio quebrado",
    "consensus.silence_broken_by": "silêncio quebrado por {by}",
    "consensus.silence_broken_at": "silêncio quebrado em {at}",
    "consensus.silence_broken_by_at": "silêncio quebrado por {by} em {at}",
    "consensus.no_position": "{missing} de {size} membros não tomaram posição",
    "consensus.ad_referendum": "{code} concorda ad referendum",
    "consensus.all_agree": "todos os {size} membros concordam",
    "consensus.no_members": "sem membros",
    "title.400": "Pedido incorreto",
    "title.401": "Sessão não iniciada",
    "title.403": "Não permitido",
    "title.404": "Não encontrado",
    "title.405": "Método não permitido",
    "title.409": "Conflito",
    "title.413": "Pedido grande demais",
    "title.422": "Dados inválidos",
    "title.429": "Tentativas demais",
    "title.500": "Erro do servidor",
    "title.503": "Serviço indisponível",
    "auth.wrong_password": "Nome de utilizador ou palavra-passe incorretos.",
    "auth.sign_in_first": "Inicie a sessão primeiro.",
    "translation.negotiating_language": (
        "{lang} é o idioma de negociação deste documento: o seu texto é emendado, não traduzido."
    ),
    "translation.unknown_language": (
        "Este documento não é mantido em {lang}; os seus idiomas são {languages}."
    ),
    "languages.unknown": "O Consenso mantém textos em en, es, pt; não em {languages}.",
    "languages.negotiating_not_listed": (
        "O idioma de negociação deve ser um dos idiomas do documento."
    ),
    "languages.negotiating_fixed": (
        "Este documento já tem traduções do seu idioma de negociação ({lang}); não pode mudar."
    ),
    "paragraph.no_version": (
        "O parágrafo {paragraph} tem as versões 1 a {head}; não existe a versão {n}."
    ),
    "word_import.unreadable": "O ficheiro não é um DOCX legível: {reason}.",
    "word_import.not_consenso": (
        "O ficheiro não traz os identificadores do Consenso: exporte o texto como DOCX a "
        "partir do Consenso e faça as alterações nesse ficheiro."
    ),
    "word_import.other_document": (
        "O ficheiro foi exportado do documento {file_document}, não deste ({document})."
    ),
    "word_import.stale_revision": (
        "O ficheiro foi exportado da {revision} e desde então foi publicada a {latest}: "
        "exporte a {latest} e faça as alterações nela."
    ),
    "word_import.identifier_missing": (
        "Estes parágrafos perderam o identificador que a exportação lhes deu: {paragraphs}. "
        "Mantenha o marcador de cada parágrafo (consenso-p…) e proponha parágrafos novos no "
        "Consenso."
    ),
    "word_import.unknown_revision": (
        "O ficheiro indica uma revisão que o Consenso não conhece ({value})."
    ),
    "word_import.identifier_unknown": (
        "Estes identificadores não nomeiam nenhuma versão de parágrafo da {revision} deste "
        "documento: {identifiers}."
    ),
    "word_import.not_in_file": (
        "O ficheiro não altera nenhum parágrafo com estes ids: {paragraph_ids}; apresente os "
        "parágrafos que a pré-visualização lista."
    ),
    "import.unreadable": "O ficheiro não é nem um DOCX nem texto UTF-8.",
    "import.line_without_text": "A linha {line} tem um rótulo mas não tem texto.",
    "import.docx_count": (
        "O DOCX tem {found} parágrafos numerados; o documento tem {expected}. "
        "Exporte o texto de novo e traduza esse ficheiro."
    ),
    "invitation.none": "Indique ao menos uma delegação a convidar (codes).",
    "invitation.too_many": "Convide no máximo {max} delegações de uma vez.",
    "invitation.not_member": "Só delegações membros copatrocinam; não {codes}.",
    "invitation.already_sponsor": "{codes} já patrocinam a emenda {id}.",
    "invitation.proposer_only": (
        "Só quem propôs a emenda {id} ({proposer}) convida copatrocinadores."
    ),
    "invitation.duplicate": "Uma das delegações já foi convidada e não respondeu.",
    "invitation.not_found": "Não existe o convite {id}.",
    "invitation.not_addressed": "O convite {id} é dirigido a {to}, não a {code}.",
    "invitation.answered": "O convite {id} já foi respondido: {status}.",
    "inbox.keys": "Indique entre 1 e {max} itens da caixa (keys).",
    "inbox.not_dismissible": (
        "Só decisões, respostas e conflitos são marcados como vistos; não {keys}."
    ),
    "inbox.seen_race": "Estes itens acabaram de ser marcados como vistos; recarregue a caixa.",
    "settings.numbering": "Numeração desconhecida {value}; escolha uma de: {valid}.",
    "settings.distribution": "Distribuição desconhecida {value}; escolha uma de: {valid}.",
    "settings.language": "{value} não é um código de idioma (p. ex. en, es, pt).",
    "settings.section_kind": (
        "Tipo de seção desconhecido {value}; escolha um de: {valid} (ou nenhum)."
    ),
    "exports.parallel_format": "Uma exportação paralela é feita em html ou docx, não em {format}.",
    "exports.parallel_language": (
        "Uma exportação paralela põe o idioma de negociação ({lang}) ao lado de outro: "
        "escolha-o com lang."
    ),
    "translation.awaiting_concordance": "aguardando concordância: {languages}",
    "export_jobs.json": "O dump JSON é baixado diretamente (GET .../export?format=json).",
    "export_jobs.not_ready": "Esta exportação ainda não está pronta ({status}, {progress}%).",
    "export_jobs.failed": "Esta exportação falhou ({error}); peça-a de novo ou avise a secretaria.",
    "export_jobs.expired": "O arquivo desta exportação saiu do cache; peça a exportação de novo.",
    "blame.zero_draft": "Texto do rascunho zero",
    "blame.merged": (
        "Do compromisso da copresidência que funde as emendas de {proposers} ({codes}), {when}"
    ),
    "blame.amendment": "Da emenda de {proposer} ({codes}), aceita {when}",
    "blame.changed": "{how} por {who} {when}",
    "blame.when.in": "em {revision}",
    "blame.when.pending": "(ainda em nenhuma revisão)",
    "blame.who.chair": "a copresidência da {bloc}",
    "blame.who.secretariat": "o secretariado",
    "blame.who.named": "{name}",
    "blame.how.create": "Redigido",
    "blame.how.edit": "Editado",
    "blame.how.restore": "Restabelecido",
    "blame.how.other": "Alterado",
}
