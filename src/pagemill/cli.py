"""The `pagemill` command: serve, worker, migrate, keys, engine."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from pagemill.config import Role, Settings
from pagemill.errors import PagemillError


def _settings(role: Role | None = None) -> Settings:
    settings = Settings()
    return settings.model_copy(update={"role": role}) if role else settings


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from pagemill.app import create_app
    from pagemill.db.migrate import upgrade

    settings = _settings()
    if args.host:
        settings = settings.model_copy(update={"host": args.host})
    if args.port:
        settings = settings.model_copy(update={"port": args.port})
    if settings.role is Role.WORKER:
        print("PAGEMILL_ROLE=worker serves no HTTP: run `pagemill worker` instead", file=sys.stderr)
        return 2
    if not args.no_migrate:
        upgrade(settings.app_database_url)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level="info",
        timeout_graceful_shutdown=10,
    )
    return 0


def _worker(args: argparse.Namespace) -> int:
    from pagemill.engine.worker import run_worker
    from pagemill.runtime import build_runtime

    runtime = build_runtime(_settings(Role.WORKER))
    runtime.start()
    try:
        return run_worker(runtime.settings, engine=runtime.engine)
    finally:
        runtime.close()


def _migrate(args: argparse.Namespace) -> int:
    from pagemill.db.migrate import downgrade, upgrade

    settings = _settings()
    if args.downgrade:
        downgrade(settings.app_database_url, args.downgrade)
    else:
        upgrade(settings.app_database_url, args.revision)
    return 0


def _keys(args: argparse.Namespace) -> int:
    from pagemill.auth import service
    from pagemill.db.session import Database
    from pagemill.kit.clock import rfc3339

    database = Database(_settings().app_database_url)
    try:
        with database.session() as session:
            if args.keys_command == "create":
                print(service.create_key(session, name=args.name, workspace_id=args.workspace).secret)
            elif args.keys_command == "ensure":
                if service.has_active_key(session):
                    print("")
                else:
                    print(service.create_key(session, name=args.name).secret)
            elif args.keys_command == "list":
                for key in service.list_keys(session):
                    state = f"revoked {rfc3339(key.revoked_at)}" if key.revoked_at else "active"
                    used = rfc3339(key.last_used_at) or "never"
                    print(
                        f"{key.id}\t{key.name}\tsk_…{key.key_hint}\t{key.workspace_id}\t{state}\tlast used {used}"
                    )
            elif args.keys_command == "revoke":
                key = service.revoke_key(session, args.id)
                print(f"revoked {key.id}", file=sys.stderr)
    finally:
        database.dispose()
    return 0


def _engine(args: argparse.Namespace) -> int:
    import json

    from pagemill.engine import Engine
    from pagemill.engine.probe import check

    engine = Engine(_settings(Role.API))
    engine.start()
    try:
        result = check(engine, timeout=args.timeout)
    except TimeoutError:
        print(f"no engine worker ran the probe within {args.timeout:g} s", file=sys.stderr)
        return 1
    finally:
        engine.stop()
    print(json.dumps(result))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pagemill", description="Self-hosted document processing.")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP API (and, with PAGEMILL_ROLE=all, the workers)")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--no-migrate", action="store_true", help="do not upgrade the database first")
    serve.set_defaults(handler=_serve)

    worker = commands.add_parser("worker", help="run a process that only executes queued work")
    worker.set_defaults(handler=_worker)

    migrate = commands.add_parser("migrate", help="upgrade the app database to the latest schema")
    migrate.add_argument("--revision", default="heads")
    migrate.add_argument("--downgrade", metavar="REVISION", help="downgrade to REVISION instead (e.g. base)")
    migrate.set_defaults(handler=_migrate)

    keys = commands.add_parser("keys", help="manage API keys")
    key_commands = keys.add_subparsers(dest="keys_command", required=True)
    create = key_commands.add_parser("create", help="make a key and print it (only the key, on stdout)")
    create.add_argument("--name", required=True)
    create.add_argument("--workspace", help="workspace id (default: the first workspace, made if none)")
    ensure = key_commands.add_parser(
        "ensure", help="make a first key if none is active; print it, or nothing"
    )
    ensure.add_argument("--name", default="first key")
    key_commands.add_parser("list", help="list keys (never the keys themselves)")
    revoke = key_commands.add_parser("revoke", help="revoke a key by its id")
    revoke.add_argument("id")
    keys.set_defaults(handler=_keys)

    engine = commands.add_parser("engine", help="execution engine tools")
    engine_commands = engine.add_subparsers(dest="engine_command", required=True)
    check = engine_commands.add_parser("check", help="enqueue a probe job and print which worker ran it")
    check.add_argument("--timeout", type=float, default=30.0)
    engine.set_defaults(handler=_engine)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        result: int = args.handler(args)
    except PagemillError as error:
        print(f"pagemill: {error.message}", file=sys.stderr)
        return 1
    return result
