"""scripts/train_rasa.py trains as `rasa train` does, only where the training cache is unused."""

import pytest

from tests.rasa_tools import train_script

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
    # --dry-run: should the guard ever break, Rasa only reports instead of training a model.
    completed = train_script(*arguments, "--dry-run", cache_size=cache_size, timeout=120)
    assert completed.returncode != 0
    assert "--force and RASA_MAX_CACHE_SIZE=0" in completed.stderr
    assert "Your Rasa model is trained" not in completed.stdout
