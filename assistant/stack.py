"""Start and stop the three local processes: Rasa, the action webhook and the public app.

`make run` and the conversation tests use the same code, so what the tests start is what staff
run. Every child gets its own process group; stopping sends SIGTERM to each group, waits, then
SIGKILLs what is left, so Ctrl-C leaves no orphans.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

from assistant.settings import PROJECT_ROOT

logger = logging.getLogger(__name__)

VENV_BIN = PROJECT_ROOT / ".venv" / "bin"
RASA_BIN = PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa"
MODEL_PATH = PROJECT_ROOT / "models" / "assistant.tar.gz"
# What every Rasa process we start gets, unless the operator's environment says otherwise.
# OMP_WAIT_POLICY: the sentence encoder's OpenMP threads otherwise spin while they wait, and two
# busy Rasa processes on two cores starve each other. 150 messages parsed in each of two
# processes at once took 92 s each, 19.6 s with passive waiting; one process alone took 12.8 s
# either way. It must be in the environment at start: Rasa loads OpenMP before our components.
RASA_ENV_DEFAULTS = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "OMP_WAIT_POLICY": "PASSIVE",
}


class StackError(RuntimeError):
    """A process did not start, or stopped on its own."""


@dataclass(frozen=True)
class Ports:
    """Where each process listens (all on 127.0.0.1)."""

    rasa: int = 5005
    actions: int = 5055
    public: int = 8000


@dataclass
class Service:
    """One child process and how to tell it is ready."""

    name: str
    command: list[str]
    ready_url: str
    log: IO[bytes] | None = None
    process: subprocess.Popen[bytes] | None = None


@dataclass
class Stack:
    """The running system on this machine.

    Args:
        ports: Ports to listen on.
        env: Extra environment for all children (tokens, DATABASE_URL, ...).
        log_dir: Where each child's output goes (`<name>.log`); None inherits the terminal.
        with_public_app: Also start the public FastAPI app.
    """

    ports: Ports = field(default_factory=Ports)
    env: dict[str, str] = field(default_factory=dict)
    log_dir: Path | None = None
    with_public_app: bool = True
    model: Path = MODEL_PATH
    services: list[Service] = field(default_factory=list)
    _endpoints_file: Path | None = None

    def _endpoints(self) -> Path:
        """endpoints.yml, rewritten to the chosen action port when it is not the default."""
        source = PROJECT_ROOT / "endpoints.yml"
        if self.ports.actions == Ports().actions:
            return source
        text = source.read_text().replace(":5055/", f":{self.ports.actions}/")
        handle = tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False)  # noqa: SIM115
        with handle:
            handle.write(text)
        self._endpoints_file = Path(handle.name)
        return self._endpoints_file

    def _plan(self) -> list[Service]:
        uvicorn = [str(VENV_BIN / "python"), "-m", "uvicorn", "--factory", "--host", "127.0.0.1"]
        plan = [
            Service(
                "actions",
                [
                    *uvicorn,
                    "--port",
                    str(self.ports.actions),
                    "--no-access-log",
                    "assistant.action_webhook:create_action_app",
                ],
                f"http://127.0.0.1:{self.ports.actions}/health",
            ),
            Service(
                "rasa",
                [
                    str(RASA_BIN),
                    "run",
                    "--enable-api",
                    # One argument with "=": a token may begin with "-" (token_urlsafe does
                    # one time in 64), which argparse would take for an option and exit 2.
                    f"--auth-token={self.env['RASA_TOKEN']}",
                    "--interface",
                    "127.0.0.1",
                    "--port",
                    str(self.ports.rasa),
                    "--model",
                    str(self.model),
                    "--endpoints",
                    str(self._endpoints()),
                    "--credentials",
                    str(PROJECT_ROOT / "credentials.yml"),
                ],
                f"http://127.0.0.1:{self.ports.rasa}/",
            ),
        ]
        if self.with_public_app:
            plan.append(
                Service(
                    "public",
                    [
                        *uvicorn,
                        "--port",
                        str(self.ports.public),
                        "--no-access-log",
                        "assistant.public_app:create_public_app",
                    ],
                    f"http://127.0.0.1:{self.ports.public}/api/health",
                )
            )
        return plan

    def start(self, timeout: float = 180.0) -> float:
        """Start every process and wait until each answers its health URL.

        Args:
            timeout: Seconds to wait for all of them.

        Returns:
            Seconds it took until all were ready.

        Raises:
            StackError: A process exited or was not ready in time (everything is stopped).
        """
        began = time.monotonic()
        self._check_ports_free()
        env = {**RASA_ENV_DEFAULTS, **os.environ, **self.env, "PYTHONUNBUFFERED": "1"}
        try:
            for service in self._plan():
                if self.log_dir is not None:
                    self.log_dir.mkdir(parents=True, exist_ok=True)
                    service.log = (self.log_dir / f"{service.name}.log").open("ab")
                service.process = subprocess.Popen(  # noqa: S603 - our own fixed commands
                    service.command,
                    cwd=PROJECT_ROOT,
                    env=env,
                    stdout=service.log,
                    stderr=subprocess.STDOUT if service.log else None,
                    start_new_session=True,
                )
                self.services.append(service)
            self._wait_ready(began + timeout)
        except BaseException:
            self.stop()
            raise
        return time.monotonic() - began

    def _check_ports_free(self) -> None:
        """Refuse to start when a port is taken: another server there would look 'ready'."""
        wanted = [self.ports.rasa, self.ports.actions]
        if self.with_public_app:
            wanted.append(self.ports.public)
        for port in wanted:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    raise StackError(
                        f"port {port} on 127.0.0.1 is already in use; stop what runs there"
                    )

    def _wait_ready(self, deadline: float) -> None:
        pending = list(self.services)
        with httpx.Client(timeout=2.0) as client:
            while pending:
                for service in list(pending):
                    self._check_alive(service)
                    try:
                        if client.get(service.ready_url).status_code < 500:
                            pending.remove(service)
                            logger.info("%s is ready", service.name)
                    except httpx.TransportError:
                        pass
                if pending and time.monotonic() > deadline:
                    names = ", ".join(s.name for s in pending)
                    raise StackError(f"not ready in time: {names}")
                if pending:
                    time.sleep(0.5)

    @staticmethod
    def _check_alive(service: Service) -> None:
        if service.process is not None and service.process.poll() is not None:
            raise StackError(
                f"{service.name} exited with code {service.process.returncode}; see its log"
            )

    def check(self) -> None:
        """Raise `StackError` when any process has stopped on its own."""
        for service in self.services:
            self._check_alive(service)

    def stop(self, grace: float = 15.0) -> None:
        """Stop every process group: SIGTERM, then SIGKILL after `grace` seconds."""
        for service in reversed(self.services):
            if service.process is not None and service.process.poll() is None:
                _signal_group(service.process, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for service in self.services:
            if service.process is None:
                continue
            try:
                service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("%s did not stop in time; killing it", service.name)
                _signal_group(service.process, signal.SIGKILL)
                service.process.wait()
            # The group may still hold children (uvicorn workers, TensorFlow threads).
            _signal_group(service.process, signal.SIGKILL)
            if service.log is not None:
                service.log.close()
        self.services.clear()
        if self._endpoints_file is not None:
            self._endpoints_file.unlink(missing_ok=True)
            self._endpoints_file = None


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)
