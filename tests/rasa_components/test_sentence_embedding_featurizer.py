"""The sentence embedding places Danish messages by meaning (run in the Rasa venv)."""

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from assistant.settings import PROJECT_ROOT
from rasa_components.cpu_features import this_cpu_supports_x86_64_v3
from tests.rasa_tools import COLLECT_COMPONENT_LOGS, rasa_python, rasa_script

BUILD_SCRIPT = PROJECT_ROOT / "scripts" / "build_e5_engine.py"

pytestmark = pytest.mark.rasa

# Featurizes the messages given on stdin with the featurizer at `scale` and `engine`; prints, per
# message, the sentence feature (or null) and whether a sequence feature was added, and the
# warnings logged.
SCRIPT = (
    COLLECT_COMPONENT_LOGS
    + """
import json, sys
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa_components.sentence_embedding_featurizer import SentenceEmbeddingFeaturizer

scale, engine, texts = json.loads(sys.stdin.read())
context = ExecutionContext(GraphSchema({}), node_name="embedding")
config = {**SentenceEmbeddingFeaturizer.get_default_config(), "scale": scale, "engine": engine}
try:
    featurizer = SentenceEmbeddingFeaturizer.create(config, None, None, context)
except ValueError as error:
    print(json.dumps({"error": str(error)}))
    sys.exit(0)
messages = [Message(data={"text": text} if text is not None else {"intent": "greet"})
            for text in texts]
featurizer.process_training_data(TrainingData(training_examples=messages[:1]))
featurizer.process(messages[1:])
out = []
for message in messages:
    sequence, sentence = message.get_dense_features("text")
    out.append({"sequence": sequence is not None,
                "sentence": None if sentence is None else sentence.features[0].tolist()})
# A number too small for float32's normal range: zero if loading the engine switched this
# thread to flush such numbers, which would change NumPy's and TensorFlow's results too.
tiny = float(np.float32(1e-40) * np.float32(1.0))
print(json.dumps({"messages": out, "warnings": Collect.records, "tiny": tiny}))
"""
)


def featurize(
    texts: list[str | None], scale: float = 1.0, engine: str | None = None
) -> dict[str, Any]:
    completed = rasa_python(SCRIPT, json.dumps([scale, engine, texts]))
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    return dot / (sum(x * x for x in a) ** 0.5 * sum(y * y for y in b) ** 0.5)


def test_messages_that_mean_the_same_lie_closer_than_messages_that_do_not() -> None:
    """Two ways to ask about waiting for training share no topic word, yet sit together."""
    texts = [
        "hvor længe skal min mor vente på genoptræning efter hoftebruddet",
        "hvornaar kan far begynde at traene igen efter operationen, er der kø",
        "hvad koster det at bo på et plejehjem",
        "hvem vandt fodboldkampen i går",
    ]
    waiting, waiting_again, cost, football = (m["sentence"] for m in featurize(texts)["messages"])
    assert cosine(waiting, waiting_again) > cosine(waiting, cost)
    assert cosine(waiting, waiting_again) > cosine(waiting, football)
    assert cosine(cost, waiting) > cosine(cost, football)


def test_the_feature_is_one_sentence_vector_at_the_configured_length() -> None:
    """The same text in training and in chat gets the same vector; scale sets its length."""
    text = "kan jeg få hjemmehjælp"
    one, two = featurize([text, text], scale=1.5)["messages"]
    assert one["sequence"] is False
    assert len(one["sentence"]) == 384
    assert one["sentence"] == pytest.approx(two["sentence"], abs=1e-5)
    assert sum(x * x for x in one["sentence"]) ** 0.5 == pytest.approx(1.5, abs=1e-3)


def test_a_message_without_text_gets_no_feature_and_no_crash() -> None:
    """Rasa also passes messages with only an intent; they are left as they are."""
    trained, without_text = featurize(["hej", None])["messages"]
    assert trained["sentence"] is not None
    assert without_text["sentence"] is None


def test_a_scale_that_is_not_positive_is_refused_with_a_clear_error() -> None:
    """A typo in config.yml is named at start, not found later as odd answers."""
    result = featurize(["hej"], scale=0)
    assert "scale must be > 0" in str(result["error"])


TEXTS = [
    "min far har fået en ny hofte, hvornår kan han starte genoptræning",
    "hvad koster det at bo på plejehjem i Gentofte",
    "jeg er ved at gå ned med stress over at passe min mor, findes der aflastning?",
    "hej",
]


@pytest.fixture(scope="module")
def fast_engine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The encoder compiled for this machine by the script `make setup` runs."""
    engine = tmp_path_factory.mktemp("engine") / "engine.so"
    built = rasa_script(BUILD_SCRIPT, str(engine))
    assert built.returncode == 0, built.stderr[-3000:]
    if engine.is_file():
        return engine
    if this_cpu_supports_x86_64_v3() and shutil.which("gcc"):
        pytest.fail(f"this machine should build the fast engine: {built.stdout}")
    pytest.skip(f"no fast engine on this machine, as designed: {built.stdout.strip()}")


def test_the_engine_built_for_this_machine_gives_the_same_meaning_as_the_wheels(
    fast_engine: Path,
) -> None:
    """Only rounding differs, so a model trained with one engine answers as with the other.

    The vectors must differ a little, or the configured engine was not the one loaded.
    """
    wheel = [m["sentence"] for m in featurize(TEXTS)["messages"]]
    fast = featurize(TEXTS, engine=str(fast_engine))
    assert fast["warnings"] == []
    built = [m["sentence"] for m in fast["messages"]]
    for ours, theirs in zip(built, wheel, strict=True):
        assert cosine(ours, theirs) > 0.999
    assert built != wheel
    assert fast["tiny"] > 0, "loading the engine changed the process's arithmetic"


def test_a_missing_engine_falls_back_to_the_wheels_and_says_so(tmp_path: Path) -> None:
    """A .cache without the build (a copied model, a failed compile) still answers, and the
    operator reads why it is slower."""
    missing = tmp_path / "engine.so"
    result = featurize(TEXTS[:2], engine=str(missing))
    wheel = featurize(TEXTS[:2])
    assert [m["sentence"] for m in result["messages"]] == [m["sentence"] for m in wheel["messages"]]
    warnings = result["warnings"]
    assert any(str(missing) in warning and "make setup" in warning for warning in warnings)
