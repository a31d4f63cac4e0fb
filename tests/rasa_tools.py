"""Run Rasa's own command-line tools (in the Rasa venv) from tests and benchmarks."""

import os
import re
import subprocess
from pathlib import Path

import yaml

from assistant.settings import PROJECT_ROOT
from assistant.stack import MODEL_PATH, RASA_BIN, RASA_ENV_DEFAULTS

# The workplace keeps the shared folder (seeds, held-out xSID) beside the main checkout. CI clones
# the project into a temporary folder, so a clone also looks beside the checkout it was cloned from.
WORKPLACE_SHARED = Path("/work/shared")


def _origin_checkout(project_root: Path) -> Path | None:
    """The local checkout a clone was made from, if its `origin` is a folder on this machine."""
    try:
        url = subprocess.run(
            ["git", "-C", str(project_root), "config", "--get", "remote.origin.url"],
            text=True,
            capture_output=True,
            check=False,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    url = url.removeprefix("file://")
    return Path(url) if url.startswith("/") else None


def find_xsid_dir(project_root: Path = PROJECT_ROOT, workplace: Path = WORKPLACE_SHARED) -> Path:
    """Where the held-out xSID Danish test set lies.

    `XSID_DIR` wins; otherwise the shared folder beside this checkout, beside the checkout it was
    cloned from, or the workplace's own. The first candidate holding `da.test.conll` is taken; if
    none does, the first is returned so that a test fails naming where it looked.
    """
    if "XSID_DIR" in os.environ:
        return Path(os.environ["XSID_DIR"])
    roots = [project_root.parent / "shared"]
    origin = _origin_checkout(project_root)
    if origin is not None:
        roots.append(origin.parent / "shared")
    roots.append(workplace)
    candidates = [root / "eval" / "xsid-da" for root in roots]
    for candidate in candidates:
        if (candidate / "da.test.conll").is_file():
            return candidate
    return candidates[0]


XSID_TEST = find_xsid_dir()
XSID_HINT = "put the shared folder beside the checkout, or set XSID_DIR to its eval/xsid-da"


TRAIN_SCRIPT = PROJECT_ROOT / "scripts" / "train_rasa.py"


def _run_in_rasa_env(
    command: list[str],
    stdin: str | None,
    timeout: float,
    env_overrides: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `command` in the project folder with our Rasa defaults (no telemetry, quiet TF)."""
    env = {**RASA_ENV_DEFAULTS, **os.environ, **(env_overrides or {})}
    return subprocess.run(
        command,
        input=stdin,
        cwd=PROJECT_ROOT,
        env=env,
        text=True,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def rasa(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Run `rasa <args>` in the project folder and return what it printed."""
    return _run_in_rasa_env([str(RASA_BIN), *args], None, timeout)


def rasa_script(
    script: Path, *args: str, timeout: float = 300, env_overrides: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run one of our scripts (a file) in the Rasa environment, in the project folder."""
    command = [str(RASA_BIN.parent / "python"), str(script), *args]
    return _run_in_rasa_env(command, None, timeout, env_overrides)


def train_script(
    *args: str, cache_size: str = "0", timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    """Run scripts/train_rasa.py (`rasa <args>` as make trains) with that training-cache size."""
    return rasa_script(
        TRAIN_SCRIPT, *args, timeout=timeout, env_overrides={"RASA_MAX_CACHE_SIZE": cache_size}
    )


def rasa_train_forced(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """`rasa train --force <args>` as make trains: through scripts/train_rasa.py, no cache."""
    return train_script("train", "--force", *args, timeout=timeout)


def rasa_python(
    script: str, stdin: str = "", *args: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run a Python `script` in the Rasa environment, in the project folder (our components)."""
    return _run_in_rasa_env([str(RASA_BIN.parent / "python"), "-c", script, *args], stdin, timeout)


# Python to put at the top of a script run by `rasa_python`: collects the messages our components
# log (warnings and up, unless the script lowers the level) in `Collect.records`.
COLLECT_COMPONENT_LOGS = """
import logging

class Collect(logging.Handler):
    records = []
    def emit(self, record):
        self.records.append(record.getMessage())

logging.getLogger("rasa_components").addHandler(Collect())
"""


# Entity markup in Rasa NLU examples: "[Gentofte](municipality)" or "[mor]{...}".
ENTITY_MARKUP = re.compile(r"\[([^\]]*)\](?:\{[^}]*\}|\([^)]*\))")


def labelled_examples(path: Path) -> list[tuple[str, str]]:
    """(message without entity markup, intent) for every intent example of a Rasa NLU file.

    Lookup tables and synonyms are vocabulary, not messages, and are left out.
    """
    pairs = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        if "intent" not in item:
            continue
        for line in str(item.get("examples", "")).splitlines():
            if line.strip().startswith("- "):
                pairs.append((ENTITY_MARKUP.sub(r"\1", line.strip()[2:]), str(item["intent"])))
    return pairs


def read_conll_texts(path: Path) -> list[str]:
    """The `# text = ...` lines of an xSID CoNLL file."""
    prefix = "# text = "
    return [
        line[len(prefix) :].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(prefix)
    ]


__all__ = [
    "COLLECT_COMPONENT_LOGS",
    "MODEL_PATH",
    "XSID_HINT",
    "XSID_TEST",
    "find_xsid_dir",
    "labelled_examples",
    "rasa",
    "rasa_python",
    "rasa_script",
    "read_conll_texts",
]
