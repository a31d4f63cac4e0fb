"""Command line: `sundhedsguide kb check|load` for editors, `sundhedsguide run` for `make run`."""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from assistant.settings import PROJECT_ROOT, get_settings
from assistant.stack import Ports, Stack, StackError
from knowledge.loader import KnowledgeError, knowledge_files, read_records
from knowledge.service import Knowledge

logger = logging.getLogger("sundhedsguide")


def kb_check(directory: Path) -> int:
    """Validate the curated files without loading them; print every problem."""
    try:
        records = read_records(knowledge_files(directory))
    except KnowledgeError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"OK: {len(records)} records in {directory} are valid.")
    return 0


def kb_load(directory: Path, database_url: str) -> int:
    """Validate and load the curated files; on any problem the old data keeps serving."""
    try:
        result = Knowledge.from_url(database_url).load_directory(directory)
    except KnowledgeError as error:
        print(error, file=sys.stderr)
        print("Nothing was loaded; the previous data is still in use.", file=sys.stderr)
        return 1
    state = "loaded" if result.changed else "already up to date"
    print(f"OK: {result.record_count} records {state}.")
    return 0


def run(ports: Ports) -> int:
    """Load knowledge, start the three processes, and stop them all on Ctrl-C."""
    settings = get_settings()
    status = kb_load(settings.knowledge_dir, settings.database_url)
    if status:
        return status
    env = {
        name: os.environ.get(name) or secrets.token_urlsafe(32)
        for name in ("ACTION_SERVER_TOKEN", "RASA_TOKEN")
    }
    stack = Stack(ports=ports, env=env, log_dir=PROJECT_ROOT / "var" / "log")
    stopping = False

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    print("Starting Rasa, the action webhook and the public app (logs in var/log/) ...")
    try:
        seconds = stack.start()
    except StackError as error:
        print(f"Could not start: {error}", file=sys.stderr)
        return 1
    print(
        f"\nReady after {seconds:.0f} s.\n"
        f"  Chat page:        http://127.0.0.1:{ports.public}/\n"
        f"  Rasa REST channel: http://127.0.0.1:{ports.rasa}/webhooks/rest/webhook\n"
        f"  Action webhook:   http://127.0.0.1:{ports.actions}/health\n"
        "Stop everything with Ctrl-C.",
        flush=True,
    )
    code = 0
    try:
        while not stopping:
            stack.check()
            time.sleep(0.5)
    except StackError as error:
        print(f"Stopped: {error}", file=sys.stderr)
        code = 1
    finally:
        print("Stopping ...", flush=True)
        stack.stop()
        print("All processes stopped.")
    return code


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `sundhedsguide` command."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    parser = argparse.ArgumentParser(prog="sundhedsguide")
    commands = parser.add_subparsers(dest="command", required=True)
    kb = commands.add_parser("kb", help="check or load the curated knowledge")
    kb.add_argument("action", choices=["check", "load"])
    kb.add_argument("--dir", type=Path, default=settings.knowledge_dir)
    commands.add_parser("run", help="start Rasa, the action webhook and the public app")
    args = parser.parse_args(argv)
    if args.command == "kb":
        if args.action == "check":
            return kb_check(args.dir)
        return kb_load(args.dir, settings.database_url)
    return run(Ports())


if __name__ == "__main__":
    sys.exit(main())
