"""The encoder's fast paths for many texts give exactly the numbers of the plain path."""

import json
from typing import Any

import pytest

from tests.rasa_tools import COLLECT_COMPONENT_LOGS, rasa_python

pytestmark = pytest.mark.rasa

# Embeds the texts on stdin the three ways and reports whether the numbers agree bit for bit.
SCRIPT = (
    COLLECT_COMPONENT_LOGS
    + """
import json, sys
import numpy as np
from rasa_components import sentence_encoder as encoder

logging.getLogger("rasa_components").setLevel(logging.DEBUG)

texts = json.loads(sys.stdin.read())
one_call = encoder.embed(None, texts)
by_workers = encoder.embed_many(None, texts)
encoder.embed_ahead(None, texts)
other_texts = encoder.take_ahead(None, texts[:-1])
ahead = encoder.take_ahead(None, texts)
again = encoder.take_ahead(None, texts)
print(json.dumps({
    "rows": len(by_workers),
    "workers_equal": bool(np.array_equal(one_call, by_workers)),
    "ahead_equal": bool(np.array_equal(one_call, ahead)),
    "other_texts": other_texts is None,
    "taken_twice": again is not None,
    "unit_length": bool(np.allclose(np.linalg.norm(by_workers, axis=1), 1, atol=1e-4)),
    "log": Collect.records,
}))
"""
)


def run(texts: list[str]) -> dict[str, Any]:
    completed = rasa_python(SCRIPT, json.dumps(texts))
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_many_texts_on_all_cores_and_ahead_of_time_give_the_same_numbers() -> None:
    """A model trained on vectors from the fast paths answers as one trained on the plain path.

    Two chunks of texts of very different lengths, so that the workers share the work
    unevenly and their results must be put back in order.
    """
    short = [f"hvor lang er ventetiden i kommune nummer {n}" for n in range(80)]
    long = [
        f"min mor på {70 + n % 25} år er faldet og har brækket hoften, hun kommer hjem fra "
        "hospitalet på fredag, men hvem skal hjælpe hende med at komme i bad"
        for n in range(80)
    ]
    texts = [text for pair in zip(short, long, strict=True) for text in pair] + ["hej"] * 20
    result = run(texts)
    assert result["rows"] == len(texts)
    assert result["workers_equal"], "the per-core workers changed the vectors"
    assert result["ahead_equal"], "the vectors computed ahead differ"
    assert result["unit_length"]
    # Only the very same request takes the vectors, and only once.
    assert result["other_texts"]
    assert not result["taken_twice"]
    assert f"Took the embeddings of {len(texts)} texts computed ahead" in result["log"]
