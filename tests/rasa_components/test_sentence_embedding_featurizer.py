"""The sentence embedding places Danish messages by meaning (run in the Rasa venv)."""

import json
from typing import Any

import pytest

from tests.rasa_tools import rasa_python

pytestmark = pytest.mark.rasa

# Featurizes the messages given on stdin with the featurizer at `scale`; prints, per message,
# the sentence feature (or null) and whether a sequence feature was added.
SCRIPT = """
import json, sys
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa_components.sentence_embedding_featurizer import SentenceEmbeddingFeaturizer

scale, texts = json.loads(sys.stdin.read())
context = ExecutionContext(GraphSchema({}), node_name="embedding")
config = {**SentenceEmbeddingFeaturizer.get_default_config(), "scale": scale}
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
print(json.dumps({"messages": out}))
"""


def featurize(texts: list[str | None], scale: float = 1.0) -> dict[str, Any]:
    completed = rasa_python(SCRIPT, json.dumps([scale, texts]))
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
