"""Rasa's own test stories (`rasa test core`) pass: every topic, follow-ups, safety, privacy.

Apart from the held-out report (test_nlu_quality.py), so that `make test`'s two workers can run
the two long Rasa tools at once.
"""

import pytest

from tests.rasa_tools import MODEL_PATH, rasa
from tests.system import OUTPUT

pytestmark = pytest.mark.rasa


def test_test_stories_all_pass() -> None:
    out = OUTPUT / "core"
    result = rasa(
        "test",
        "core",
        "--stories",
        "tests/stories",
        "--model",
        str(MODEL_PATH),
        "--out",
        str(out),
        "--fail-on-prediction-errors",
    )
    failed = out / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else result.stderr[-3000:]
    assert result.returncode == 0, details[-5000:]
