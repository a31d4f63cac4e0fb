"""Run Rasa's own command-line tools (in the Rasa venv) from tests and benchmarks."""

import os
import subprocess
from pathlib import Path

from assistant.settings import PROJECT_ROOT
from assistant.stack import MODEL_PATH, RASA_BIN

XSID_TEST = Path(os.environ.get("XSID_DIR", PROJECT_ROOT.parent / "shared" / "eval" / "xsid-da"))


def rasa(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Run `rasa <args>` in the project folder and return what it printed."""
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run(
        [str(RASA_BIN), *args],
        cwd=PROJECT_ROOT,
        env=env,
        text=True,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def read_conll_texts(path: Path) -> list[str]:
    """The `# text = ...` lines of an xSID CoNLL file."""
    prefix = "# text = "
    return [
        line[len(prefix) :].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(prefix)
    ]


__all__ = ["MODEL_PATH", "XSID_TEST", "rasa", "read_conll_texts"]
