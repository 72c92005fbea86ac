"""English: the server's messages by code (the core's own from app/drafting/messages.py)."""

from app.drafting.messages import ENGLISH
from app.i18n import (
    domains,
    errors,
    exports,
    validation,
)

CATALOGUE: dict[str, str] = {
    **ENGLISH,
    **exports.ENGLISH,
    **errors.EN,
    **validation.EN,
    **domains.merged("EN"),
    **errors.FIELD_NAMES["en"],
    "title.400": "Bad request",
    "title.401": "Not signed in",
    "title.403": "Not allowed",
    "title.404": "Not found",
    "title.405": "Method not allowed",
    "title.409": "Conflict",
    "title.413": "Request too large",
    "title.422": "Invalid input",
    "title.429": "Too many attempts",
    "title.500": "Server error",
    "title.503": "Service unavailable",
    "auth.wrong_password": "Wrong username or password.",
    "auth.sign_in_first": "Sign in first.",
    "translation.negotiating_language": (
        "{lang} is the negotiating language of this document: its text is amended, not translated."
    ),
    "translation.unknown_language": (
        "This document is not kept in {lang}; its languages are {languages}."
    ),
    "languages.unknown": "Consenso keeps texts in en, es, pt; not in {languages}.",
    "languages.negotiating_not_listed": (
        "The negotiating language must be one of the document's languages."
    ),
    "languages.negotiating_fixed": (
        "This document already has translations of its negotiating language ({lang}); "
        "it cannot change."
    ),
    "paragraph.no_version": (
        "Paragraph {paragraph} has versions 1 to {head}; there is no version {n}."
    ),
    "word_import.unreadable": "The file is not a DOCX that can be read: {reason}.",
    "word_import.not_consenso": (
        "The file carries no Consenso identifiers: export the text as DOCX from Consenso "
        "and make the changes in that file."
    ),
    "word_import.other_document": (
        "The file was exported from document {file_document}, not from this one ({document})."
    ),
    "word_import.stale_revision": (
        "The file was exported from {revision}, and {latest} has been issued since: export "
        "{latest} and make the changes there."
    ),
    "word_import.identifier_missing": (
        "These paragraphs lost the identifier the export gave them: {paragraphs}. Keep each "
        "paragraph's bookmark (consenso-p…) and propose new paragraphs in Consenso."
    ),
    "word_import.unknown_revision": "The file names no revision Consenso knows ({value}).",
    "word_import.identifier_unknown": (
        "These identifiers name no paragraph version of {revision} of this document: {identifiers}."
    ),
    "word_import.not_in_file": (
        "The file changes no paragraph with these ids: {paragraph_ids}; file the paragraphs "
        "its preview lists."
    ),
    "import.unreadable": "The file is neither a DOCX nor UTF-8 text.",
    "import.line_without_text": "Line {line} has a label but no text.",
    "import.docx_count": (
        "The DOCX has {found} numbered paragraphs; the document has {expected}. "
        "Export the text again and translate that file."
    ),
    "invitation.none": "Name at least one delegation to invite (codes).",
    "invitation.too_many": "Invite at most {max} delegations at once.",
    "invitation.not_member": "Only member delegations co-sponsor; not {codes}.",
    "invitation.already_sponsor": "{codes} already sponsor amendment {id}.",
    "invitation.proposer_only": (
        "Only the proposer of amendment {id} ({proposer}) invites co-sponsors."
    ),
    "invitation.duplicate": "A delegation named has already been invited and has not answered.",
    "invitation.not_found": "There is no invitation {id}.",
    "invitation.not_addressed": "Invitation {id} is addressed to {to}, not {code}.",
    "invitation.answered": "Invitation {id} was already answered: {status}.",
    "inbox.keys": "Name between 1 and {max} inbox items (keys).",
    "inbox.not_dismissible": "Only decisions, replies and conflicts are marked seen; not {keys}.",
    "inbox.seen_race": "These items were just marked seen; reload the inbox.",
    "settings.numbering": "Unknown numbering {value}; choose one of: {valid}.",
    "settings.distribution": "Unknown distribution {value}; choose one of: {valid}.",
    "settings.language": "{value} is not a language code (e.g. en, es, pt).",
    "settings.section_kind": "Unknown section kind {value}; choose one of: {valid} (or null).",
    "exports.parallel_format": "A parallel export is made in html or docx, not {format}.",
    "exports.parallel_language": (
        "A parallel export puts the negotiating language ({lang}) beside another: "
        "choose it with lang."
    ),
    "translation.awaiting_concordance": "awaiting concordance: {languages}",
    "export_jobs.json": "The JSON dump is downloaded directly (GET .../export?format=json).",
    "export_jobs.not_ready": "This export is not ready yet ({status}, {progress}%).",
    "export_jobs.failed": "This export failed ({error}); request it again or tell the secretariat.",
    "export_jobs.expired": (
        "This export's file was dropped from the cache; request the export again."
    ),
    "blame.zero_draft": "Zero draft text",
    "blame.merged": (
        "From the chairs' compromise merging the amendments of {proposers} ({codes}), {when}"
    ),
    "blame.amendment": "From the amendment of {proposer} ({codes}), accepted {when}",
    "blame.changed": "{how} by {who} {when}",
    "blame.when.in": "in {revision}",
    "blame.when.pending": "(not yet in a revision)",
    "blame.who.chair": "the {bloc} co-chair",
    "blame.who.secretariat": "the secretariat",
    "blame.who.named": "{name}",
    "blame.how.create": "Drafted",
    "blame.how.edit": "Edited",
    "blame.how.restore": "Restored",
    "blame.how.other": "Changed",
}
