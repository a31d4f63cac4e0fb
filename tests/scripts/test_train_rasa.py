"""scripts/train_rasa.py trains as `rasa train` does, only where the training cache is unused."""

import os
import subprocess

import pytest

from assistant.stack import RASA_BIN, RASA_ENV_DEFAULTS
from tests.rasa_tools import TRAIN_SCRIPT

pytestmark = pytest.mark.rasa


@pytest.mark.parametrize(
    ("arguments", "cache_size"),
    [(["train", "--force"], "100"), (["train"], "0")],
    ids=["cache-in-use", "not-forced"],
)
def test_it_refuses_where_rasa_would_read_its_training_cache(
    arguments: list[str], cache_size: str
) -> None:
    """Without fingerprints a cached step could be reused for changed data: it must not run."""
    completed = subprocess.run(
        [str(RASA_BIN.parent / "python"), str(TRAIN_SCRIPT), *arguments],
        env={**RASA_ENV_DEFAULTS, **os.environ, "RASA_MAX_CACHE_SIZE": cache_size},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode != 0
    assert "--force and RASA_MAX_CACHE_SIZE=0" in completed.stderr
    assert "Your Rasa model is trained" not in completed.stdout
