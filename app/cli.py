"""The `consenso` command: serve, migrate, demo data, accounts (and exports, see below)."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer
from sqlmodel import Session

from app.clock import system_clock
from app.db import engine_for, write_session
from app.errors import ConsensoError
from app.models import Role
from app.models.account import AccountCreate
from app.settings import VAR, get_settings

cli = typer.Typer(
    help="Consenso: the drafting room for a shared negotiated text.", no_args_is_help=True
)
accounts_cli = typer.Typer(help="Create, list and disable accounts.", no_args_is_help=True)
cli.add_typer(accounts_cli, name="accounts")
audit_cli = typer.Typer(help="Check that the stored record proves itself.", no_args_is_help=True)
cli.add_typer(audit_cli, name="audit")


def _session() -> Session:
    from app.services.text import limits

    settings = get_settings()
    return limits.bind(write_session(engine_for(settings)), limits.from_settings(settings))


def _fail(message: str) -> NoReturn:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


@cli.command()
def migrate() -> None:
    """Bring the database schema up to date (alembic upgrade head)."""
    from alembic import command
    from alembic.config import Config

    root = Path(__file__).resolve().parent.parent
    config = Config(str(root / "alembic.ini"))
    config.attributes["database_url"] = get_settings().database_url
    command.upgrade(config, "head")
    typer.echo(f"Database schema is up to date ({get_settings().database_url.split('://')[0]}).")


@cli.command()
def demo(
    if_empty: bool = typer.Option(
        False, "--if-empty", help="Do nothing (and succeed) when data exists."
    ),
) -> None:
    """Load the participants, demo accounts and the demo document into an empty database."""
    from app.seed import load as demo_service

    with _session() as session:
        if not demo_service.is_empty(session):
            if if_empty:
                typer.echo("The database already has data; demo data not loaded again.")
                return
            _fail("The database is not empty; `consenso demo` only loads into an empty database.")
        password = demo_service.resolve_demo_password(
            get_settings().demo_password, VAR / "demo_password"
        )
        document = demo_service.load(session, password=password, now=system_clock())
        session.commit()
        typer.echo(
            f"Demo data loaded: document {document.id}, {len(demo_service.logins())} accounts."
        )


@cli.command()
def logins() -> None:
    """Print the demo accounts and their password."""
    from app.seed import load as demo_service

    password = demo_service.resolve_demo_password(
        get_settings().demo_password, VAR / "demo_password"
    )
    typer.echo(f"Demo logins (password for all: {password})")
    for login in demo_service.logins():
        typer.echo(f"  {login.username:<12} {login.role:<12} {login.speaks_for}")


@cli.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, help="Worker processes (use PostgreSQL for more than one)."),
) -> None:
    """Serve the API and the drafting room in the browser."""
    import uvicorn
    from sqlalchemy.engine import make_url

    if workers > 1 and make_url(get_settings().database_url).get_backend_name() == "sqlite":
        _fail(
            "SQLite serves one worker: its write queue and its live announcements are per "
            "process. Use PostgreSQL (CONSENSO_DATABASE_URL) for several workers."
        )

    typer.echo(
        f"Consenso is serving on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)"
    )
    # Open event streams close within the grace period on shutdown (their clients resume).
    uvicorn.run(
        "app.main:app",
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        timeout_graceful_shutdown=5,
        # A worker busy past the default 5 s (a cold board at UN scale on a loaded host) is not
        # dead: give it time to answer the supervisor's health check before it is replaced.
        timeout_worker_healthcheck=30,
    )


@accounts_cli.command("create")
def accounts_create(
    username: str,
    role: Role = typer.Option(..., help="chair, secretariat, delegate or observer"),
    delegation: str | None = typer.Option(None, help="Participant code (delegates and observers)"),
    chair_of: str | None = typer.Option(None, help="RCM or SACM (co-chairs)"),
    display_name: str = typer.Option("", help="Name shown to others"),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
) -> None:
    """Create an account."""
    from app.services.accounts import accounts as accounts_service

    try:
        data = AccountCreate(
            username=username,
            role=role,
            participant_code=delegation.upper() if delegation else None,
            chair_of=chair_of.upper() if chair_of else None,
            display_name=display_name,
            password=password,
        )
    except ValueError as exc:
        _fail(f"Invalid account: {exc}")
    with _session() as session:
        try:
            account = accounts_service.create(session, data=data, now=system_clock())
        except ConsensoError as exc:
            _fail(exc.detail)
        session.commit()
        typer.echo(f"Created {account.username} ({account.role}).")


@accounts_cli.command("list")
def accounts_list() -> None:
    """List accounts."""
    from app.services.accounts import accounts as accounts_service

    with _session() as session:
        for account in accounts_service.list(session):
            flag = "  (disabled)" if account.disabled else ""
            speaks_for = account.participant_code or account.chair_of or ""
            typer.echo(f"{account.username:<16} {account.role:<12} {speaks_for:<6}{flag}")


@accounts_cli.command("disable")
def accounts_disable(
    username: str,
    enable: bool = typer.Option(False, "--enable", help="Re-enable instead"),
) -> None:
    """Disable an account (and end its sessions), or re-enable it."""
    from app.services.accounts import accounts as accounts_service

    with _session() as session:
        try:
            accounts_service.set_disabled(
                session, username=username, disabled=not enable, now=system_clock()
            )
        except ConsensoError as exc:
            _fail(exc.detail)
        session.commit()
        typer.echo(f"{username} {'enabled' if enable else 'disabled'}.")


@cli.command("import")
def import_dump(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A JSON dump (format json)"),
) -> None:
    """Restore a JSON dump (from `consenso export --format json`) into an empty database; a dump
    whose record does not verify is refused (exit 1, nothing restored)."""
    import json

    from app.services.exports import dump as dump_service

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        _fail(f"{file} is not a JSON file: {exc}")
    with _session() as session:
        try:
            document_id = dump_service.restore(session, data=data)
        except ConsensoError as exc:
            _fail(exc.detail)
        session.commit()
    typer.echo(
        f"Restored document {document_id}. Accounts were restored without passwords: "
        "set them with `consenso accounts password NAME`."
    )


@cli.command("export")
def export_document(
    document: int = typer.Option(..., "--document", help="Document id"),
    fmt: str = typer.Option(..., "--format", help="md, html, pdf, docx, akn, csv or json"),
    variant: str = typer.Option("compilation", "--variant", help="agreed or compilation"),
    revision: int | None = typer.Option(None, "--revision", help="0 = Zero draft, 1 = Rev.1 ..."),
    output: Path = typer.Option(..., "-o", "--output", dir_okay=False, help="File to write"),
    lang: str | None = typer.Option(None, "--lang", help="en, es or pt (the translation)"),
    parallel: bool = typer.Option(False, "--parallel", help="html/docx: beside the original"),
) -> None:
    """Export a document (now or at a revision) to a file; format json is the full dump."""
    from app.services.exports import exports as exports_service
    from app.services.text import documents as documents_service

    # A reader's session: an export writes nothing and must not queue behind writers.
    with Session(engine_for(get_settings())) as session:
        try:
            doc = documents_service.get_or_raise(session, document_id=document)
            exported = exports_service.export(
                session,
                document=doc,
                format=fmt,
                variant=variant,
                now=system_clock(),
                revision=revision,
                lang=lang,
                parallel=parallel,
            )
        except ConsensoError as exc:
            _fail(exc.detail)
    output.write_bytes(exported.content)
    typer.echo(f"Wrote {output} ({len(exported.content)} bytes, {exported.media_type}).")


@cli.command("verify")
def verify_file(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="An export or a dump"),
) -> None:
    """Say whether an export (any format) or a JSON dump matches this database's history at the
    moment it shows: "matches" (exit 0), "does not match: why" or "unreadable: why" (exit 1)."""
    from app.services.exports import verifying

    with Session(engine_for(get_settings())) as session:
        try:
            result = verifying.check(session, content=file.read_bytes())
        except ConsensoError as exc:
            _fail(exc.detail)
    if not result.matches:
        _fail(f"{file}: {result.message}")
    typer.echo(f"{file}: {result.message}")


@accounts_cli.command("password")
def accounts_password(
    username: str,
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
) -> None:
    """Set an account's password (also ends its open sessions)."""
    from app.services.accounts import accounts as accounts_service

    with _session() as session:
        try:
            accounts_service.set_password(
                session, username=username, password=password, now=system_clock()
            )
        except ConsensoError as exc:
            _fail(exc.detail)
        session.commit()
        typer.echo(f"Password of {username} changed.")


@audit_cli.command("verify")
def audit_verify(
    document: int | None = typer.Option(None, "--document", help="Document id (default: all)"),
) -> None:
    """Recompute the hash chain, rebuild every version, check every row its event vouched for;
    exit 1 naming the first bad entry."""
    from app.services.record import audit as audit_service
    from app.services.text import documents as documents_service

    with Session(engine_for(get_settings())) as session:
        try:
            if document is None:
                results = audit_service.verify_all(session)
            else:
                doc = documents_service.get_or_raise(session, document_id=document)
                results = [audit_service.verify(session, document=doc)]
        except ConsensoError as exc:
            _fail(exc.detail)
    for result in results:
        if result.intact:
            typer.echo(result.summary)
    bad = next((result for result in results if not result.intact), None)
    if bad is not None:
        _fail(f"The record does not verify. {bad.summary}")
    if not results:
        typer.echo("There is no document to verify.")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
