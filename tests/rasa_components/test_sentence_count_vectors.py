"""The sentence-only count featurizer: Rasa's sentence features, no token features (Rasa venv)."""

import json
from typing import Any

import pytest

from tests.rasa_tools import rasa_python

pytestmark = pytest.mark.rasa

# Trains Rasa's CountVectorsFeaturizer and ours with the same settings on the same messages, then
# featurizes the training data (all at once) and chat messages (one call each, as `rasa run`
# does). Prints, per featurizer and message, the text's sentence row and number of token rows,
# and the intent label's features.
SCRIPT = """
import json, sys, tempfile
from pathlib import Path
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa_components.sentence_count_vectors import SentenceCountVectorsFeaturizer

settings, training, chat = json.loads(sys.stdin.read())
context = ExecutionContext(GraphSchema({}), node_name="featurizer")
storage = LocalModelStorage(Path(tempfile.mkdtemp()))
tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())

def featurized(cls):
    config = {**cls.get_default_config(), **settings}
    featurizer = cls.create(config, storage, Resource(cls.__name__), context)
    data = TrainingData([Message(data={"text": t, "intent": i}) for t, i in training])
    tokenizer.process_training_data(data)
    featurizer.train(data)
    featurizer.process_training_data(data)
    messages = [Message(data={"text": t}) for t in chat]
    tokenizer.process(messages)
    for message in messages:
        featurizer.process([message])
    out = []
    for message in [*data.training_examples, *messages]:
        sequence, sentence = message.get_sparse_features("text")
        label, _ = message.get_sparse_features("intent")
        out.append({
            "tokens": 0 if sequence is None else sequence.features.shape[0],
            "sentence": None if sentence is None else sentence.features.toarray()[0].tolist(),
            "intent": None if label is None else label.features.toarray().tolist(),
        })
    return out

print(json.dumps({"rasa": featurized(CountVectorsFeaturizer),
                  "ours": featurized(SentenceCountVectorsFeaturizer)}))
"""

TRAINING = [
    ("hvor lang er ventetiden på en plejebolig", "ask_waiting_time"),
    ("hvad koster hjemmehjælp", "ask_cost"),
    ("tak for hjælpen", "thank"),
]
CHAT = [
    "hvor lang ventetid er der på hjemmehjælp",
    "fuldstændig ukendte ord",
    "",
]


def featurize(settings: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    completed = rasa_python(SCRIPT, json.dumps([settings, TRAINING, CHAT]))
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("settings", "labels_featurized"),
    [({"max_ngram": 2}, True), ({"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4}, False)],
    ids=["word-pairs", "characters"],
)
def test_each_message_gets_rasas_sentence_row_and_no_token_rows(
    settings: dict[str, Any], labels_featurized: bool
) -> None:
    """The classifiers read the same numbers as with Rasa's featurizer, in training and in chat.

    A message of unknown words, or an empty one, gets its row as with Rasa's (zeros where
    nothing is known), not a missing feature.
    """
    result = featurize(settings)
    assert len(result["ours"]) == len(TRAINING) + len(CHAT)
    for ours, rasas in zip(result["ours"], result["rasa"], strict=True):
        assert ours["sentence"] == rasas["sentence"]
        assert ours["intent"] == rasas["intent"]
        assert ours["tokens"] == 0
    assert any(row["tokens"] > 0 for row in result["rasa"])  # what the subclass leaves out
    assert all(message["sentence"] is not None for message in result["ours"])
    # DIET embeds the labels from the word featurizer's label rows (Rasa's character featurizer
    # makes none); without them it would build other label features.
    labelled = result["ours"][: len(TRAINING)]
    assert all(bool(message["intent"]) == labels_featurized for message in labelled)
