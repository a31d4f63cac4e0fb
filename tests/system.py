"""Start the real system once per test session: Rasa 3.6, the action webhook, the public app.

A pytest plugin (registered in tests/conftest.py), shared by conversation and browser tests.
"""

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from assistant.settings import PROJECT_ROOT
from assistant.stack import MODEL_PATH, Ports, Stack
from knowledge.service import Knowledge

PORTS = Ports(rasa=15005, actions=15055, public=18000)
OUTPUT = PROJECT_ROOT / "test-output"


@dataclass
class RunningSystem:
    """Where the started processes listen, and their tokens."""

    ports: Ports
    rasa_token: str
    stack: Stack
    ready_s: float = 0.0

    @property
    def rasa(self) -> str:
        return f"http://127.0.0.1:{self.ports.rasa}"

    @property
    def public(self) -> str:
        return f"http://127.0.0.1:{self.ports.public}"


def start_system(ports: Ports, workdir: Path, log_dir: Path) -> RunningSystem:
    """Load the curated knowledge into a fresh SQLite file and start all three processes.

    Args:
        ports: Where to listen.
        workdir: Folder for the knowledge database.
        log_dir: Folder for each process's log.

    Returns:
        The running system; call `.stack.stop()` when done.
    """
    url = f"sqlite:///{workdir / 'knowledge.db'}"
    Knowledge.from_url(url).load_directory(PROJECT_ROOT / "knowledge" / "data")
    rasa_token = secrets.token_urlsafe(16)
    stack = Stack(
        ports=ports,
        env={
            "ACTION_SERVER_TOKEN": secrets.token_urlsafe(16),
            "RASA_TOKEN": rasa_token,
            "DATABASE_URL": url,
            "RASA_URL": f"http://127.0.0.1:{ports.rasa}",
            "ENVIRONMENT": "test",
            "CHAT_RATE_LIMIT": "100000/minute",
            # The page the browser tests embed the widget in (tests/browser).
            "CORS_ORIGINS": '["http://127.0.0.1:18020"]',
        },
        log_dir=log_dir,
    )
    ready_s = stack.start(timeout=300)
    return RunningSystem(ports, rasa_token, stack, ready_s)


@pytest.fixture(scope="session")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSystem]:
    if not MODEL_PATH.exists():
        pytest.fail(f"No trained model at {MODEL_PATH}; run `make train` (make test does it).")
    running = start_system(PORTS, tmp_path_factory.mktemp("kb"), OUTPUT / "logs")
    yield running
    running.stack.stop()


class Conversation:
    """One user talking to Rasa's REST channel."""

    def __init__(self, system: RunningSystem, sender: str | None = None) -> None:
        self.sender = sender or f"test-{secrets.token_hex(6)}"
        self.client = httpx.Client(base_url=system.rasa, timeout=30)

    def say(self, message: str) -> str:
        response = self.client.post(
            "/webhooks/rest/webhook", json={"sender": self.sender, "message": message}
        )
        response.raise_for_status()
        return "\n".join(m.get("text", "") for m in response.json())


@pytest.fixture
def conversation(system: RunningSystem) -> Iterator[Conversation]:
    talk = Conversation(system)
    yield talk
    talk.client.close()


def log_path(name: str) -> Path:
    return OUTPUT / "logs" / f"{name}.log"
