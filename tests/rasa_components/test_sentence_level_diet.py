"""DIET fed only sentence-level features trains, loads and answers (run in the Rasa venv)."""

import pytest

from tests.rasa_components.test_tfidf_logistic_regression import (
    THANKS,
    WAITING,
    assert_waiting_and_thanks_understood,
    parse,
    train,
)
from tests.rasa_tools import rasa_python

pytestmark = pytest.mark.rasa

CONFIG = """
recipe: default.v1
language: da
assistant_id: sentence-diet-test
pipeline:
  - name: WhitespaceTokenizer
  - name: CountVectorsFeaturizer
  - name: CountVectorsFeaturizer
    analyzer: char_wb
    min_ngram: 2
    max_ngram: 4
  - name: rasa_components.sentence_level_diet.SentenceLevelDIETClassifier
    epochs: 40
    number_of_transformer_layers: 0
    entity_recognition: false
    random_seed: 42
policies: []
"""


def test_a_trained_model_is_loaded_back_and_answers_unseen_messages(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Dropping the token features must not break saving, loading or predicting."""
    model = train(tmp_path_factory.mktemp("sentence-diet"), CONFIG)
    assert_waiting_and_thanks_understood(*parse(model, [WAITING, THANKS]))


# The tensors DIET builds from featurized messages, and a setting that needs token features.
MODEL_DATA = """
import numpy as np
from scipy.sparse import coo_matrix
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa_components.sentence_level_diet import SentenceLevelDIETClassifier as Diet

def message(tokens, intent):
    m = Message(data={"text": "x " * tokens, "intent": intent})
    seq = coo_matrix(np.ones((tokens, 5)))
    m.add_features(Features(seq, "sequence", "text", "words"))
    m.add_features(Features(coo_matrix(seq.sum(axis=0)), "sentence", "text", "words"))
    return m

def build(**config):
    settings = {**Diet.get_default_config(), "number_of_transformer_layers": 0,
                "entity_recognition": False, **config}
    return Diet(settings, LocalModelStorage("/tmp"), Resource("x"), ExecutionContext(None))

diet = build()
data = diet._create_model_data([message(3, "a"), message(1, "b")], {"a": 0, "b": 1}, "intent")
signature = data.get_signature()["text"]
# One dense token of width 1 in place of the sparse token features; the sentence ones stay.
assert [(s.is_sparse, s.units) for s in signature["sequence"]] == [(False, 1)], signature
assert [(s.is_sparse, s.units) for s in signature["sentence"]] == [(True, 5)], signature
assert list(data.data["text"]["sequence_lengths"][0]) == [1, 1]
assert not data.sparse_feature_sizes.get("text", {}).get("sequence"), data.sparse_feature_sizes
try:
    build(entity_recognition=True)
except ValueError as error:
    print(error)
else:
    raise SystemExit("entity recognition was accepted")
"""


def test_text_tensors_hold_sentence_features_only_and_token_settings_are_refused() -> None:
    """The speed comes from leaving the token features out; settings that read them must fail."""
    completed = rasa_python(MODEL_DATA)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "entity_recognition: false" in completed.stdout
