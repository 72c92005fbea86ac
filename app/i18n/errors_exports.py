"""The refusals of exports, export jobs, uploads to verify, and JSON dumps restored."""

from __future__ import annotations

EN: dict[str, str] = {
    "exports.format_missing": "Choose an export format: {formats}.",
    "exports.unknown_format": "Unknown export format {format}; valid formats: {formats}.",
    "exports.unknown_variant": "Unknown export variant {variant}; valid variants: {variants}.",
    "export_jobs.not_found": "There is no export job {id}.",
    "upload.no_boundary": "This multipart upload has no boundary in its Content-Type.",
    "upload.no_file": "This upload holds no file: send the export as the form field 'file'.",
    "dump.table_not_list": "The dump's '{table}' table is not a list of rows.",
    "dump.row_damaged": "A row of '{table}' in the dump is damaged: {reason}",
    "dump.not_a_dump": "This file is not a Consenso dump (its 'format' is not consenso-dump).",
    "dump.version": "This dump has version {version}; this Consenso reads {reads}.",
    "dump.no_tables": "This dump has no 'tables'.",
    "dump.database_not_empty": (
        "The database already has {table} rows; a dump is restored into an empty database "
        "(run the migrations on a new one)."
    ),
    "dump.no_document": "This dump has no document {document}; nothing was restored.",
    "dump.not_verified": "This dump does not verify: {where}: {problem}. Nothing was restored.",
}

ES: dict[str, str] = {
    "exports.format_missing": "Elija un formato de exportación: {formats}.",
    "exports.unknown_format": (
        "Formato de exportación desconocido {format}; formatos válidos: {formats}."
    ),
    "exports.unknown_variant": (
        "Variante de exportación desconocida {variant}; variantes válidas: {variants}."
    ),
    "export_jobs.not_found": "No existe la exportación {id}.",
    "upload.no_boundary": "Esta carga multipart no tiene boundary en su Content-Type.",
    "upload.no_file": (
        "Esta carga no contiene ningún archivo: envíe la exportación como el campo 'file'."
    ),
    "dump.table_not_list": "La tabla '{table}' del volcado no es una lista de filas.",
    "dump.row_damaged": "Una fila de '{table}' del volcado está dañada: {reason}",
    "dump.not_a_dump": (
        "Este archivo no es un volcado de Consenso (su 'format' no es consenso-dump)."
    ),
    "dump.version": "Este volcado tiene la versión {version}; este Consenso lee la {reads}.",
    "dump.no_tables": "Este volcado no tiene 'tables'.",
    "dump.database_not_empty": (
        "La base de datos ya tiene filas de {table}; un volcado se restaura en una base de "
        "datos vacía (ejecute las migraciones en una nueva)."
    ),
    "dump.no_document": "Este volcado no tiene el documento {document}; no se restauró nada.",
    "dump.not_verified": ("Este volcado no se verifica: {where}: {problem}. No se restauró nada."),
}

PT: dict[str, str] = {
    "exports.format_missing": "Escolha um formato de exportação: {formats}.",
    "exports.unknown_format": (
        "Formato de exportação desconhecido {format}; formatos válidos: {formats}."
    ),
    "exports.unknown_variant": (
        "Variante de exportação desconhecida {variant}; variantes válidas: {variants}."
    ),
    "export_jobs.not_found": "Não existe a exportação {id}.",
    "upload.no_boundary": "Este envio multipart não tem boundary no seu Content-Type.",
    "upload.no_file": (
        "Este envio não contém nenhum ficheiro: envie a exportação como o campo 'file'."
    ),
    "dump.table_not_list": "A tabela '{table}' do dump não é uma lista de linhas.",
    "dump.row_damaged": "Uma linha de '{table}' do dump está danificada: {reason}",
    "dump.not_a_dump": (
        "Este ficheiro não é um dump do Consenso (o seu 'format' não é consenso-dump)."
    ),
    "dump.version": "Este dump tem a versão {version}; este Consenso lê a {reads}.",
    "dump.no_tables": "Este dump não tem 'tables'.",
    "dump.database_not_empty": (
        "A base de dados já tem linhas de {table}; um dump é restaurado numa base de dados "
        "vazia (execute as migrações numa nova)."
    ),
    "dump.no_document": "Este dump não tem o documento {document}; nada foi restaurado.",
    "dump.not_verified": "Este dump não se verifica: {where}: {problem}. Nada foi restaurado.",
}
