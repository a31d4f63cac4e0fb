"""The TF-IDF logistic regression trains, saves and loads through Rasa (run in the Rasa venv)."""

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.rasa_tools import rasa, rasa_python

pytestmark = pytest.mark.rasa

CONFIG = """
recipe: default.v1
language: da
assistant_id: tfidf-test
pipeline:
  - name: WhitespaceTokenizer
  - name: CountVectorsFeaturizer
  - name: CountVectorsFeaturizer
    analyzer: char_wb
    min_ngram: 2
    max_ngram: 4
  - name: rasa_components.tfidf_logistic_regression.TfidfLogisticRegressionClassifier
policies: []
"""

# The same pipeline with the dense sentence embedding, whose values can be negative.
EMBEDDING_CONFIG = CONFIG.replace(
    "  - name: rasa_components.tfidf",
    "  - name: rasa_components.sentence_embedding_featurizer.SentenceEmbeddingFeaturizer\n"
    "  - name: rasa_components.tfidf",
)

NLU = """
version: "3.1"
nlu:
- intent: ask_waiting_time
  examples: |
    - hvor lang er ventetiden på en plejebolig
    - hvor længe skal man vente på genoptræning
    - hvor lang tid går der før min mor får en plads
    - er der lang ventetid
    - hvornår kan min far starte på træning
- intent: thank
  examples: |
    - tak
    - mange tak for hjælpen
    - tusind tak
    - tak skal du have
    - det var en stor hjælp, tak
"""

# Train with `rasa train nlu`, then load the saved model as `rasa run` does and parse.
PARSE = """
import asyncio, json, sys
from rasa.core.agent import Agent

async def main() -> None:
    agent = Agent.load(sys.argv[1])
    out = []
    for text in json.loads(sys.stdin.read()):
        parsed = await agent.parse_message(text)
        out.append({"intent": parsed["intent"], "ranking": parsed["intent_ranking"]})
    print(json.dumps(out))

asyncio.run(main())
"""


def train(folder: Path, config: str) -> Path:
    (folder / "config.yml").write_text(config)
    (folder / "nlu.yml").write_text(textwrap.dedent(NLU))
    trained = rasa(
        "train",
        "nlu",
        "--config",
        str(folder / "config.yml"),
        "--nlu",
        str(folder / "nlu.yml"),
        "--out",
        str(folder),
        "--fixed-model-name",
        "model",
        timeout=300,
    )
    assert trained.returncode == 0, trained.stderr[-3000:]
    return folder / "model.tar.gz"


@pytest.fixture(scope="module")
def trained_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train(tmp_path_factory.mktemp("tfidf"), CONFIG)


def parse(model: Path, texts: list[str]) -> list[dict[str, Any]]:
    completed = rasa_python(PARSE, json.dumps(texts), str(model))
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


WAITING = "hvor lang ventetid er der paa en plejebolig"
THANKS = "tak for det"
LONG_THANKS = (
    "jeg har skrevet med jer før og jeg vil bare sige at det var en stor hjælp "
    "og at jeg er glad for at jeg kunne skrive med jer, så tak"
)
NO_WORDS = ("???", "🙂")


@pytest.fixture(scope="module")
def answers(trained_model: Path) -> dict[str, dict[str, Any]]:
    """The trained model's answer to each message below, from one Rasa process.

    Each process spends about 20 s on a slow machine importing Rasa and loading the model.
    """
    texts = [WAITING, THANKS, LONG_THANKS, *NO_WORDS]
    return dict(zip(texts, parse(trained_model, texts), strict=True))


def assert_waiting_and_thanks_understood(waiting: dict[str, Any], thanks: dict[str, Any]) -> None:
    """A waiting-time question and a thank-you, as Rasa parsed them, got their intents.

    The question's ranking must hold probabilities that sum to 1, since the ensemble averages them.
    """
    assert waiting["intent"]["name"] == "ask_waiting_time"
    assert thanks["intent"]["name"] == "thank"
    assert sum(item["confidence"] for item in waiting["ranking"]) == pytest.approx(1.0)


def test_a_loaded_model_answers_unseen_messages(answers: dict[str, dict[str, Any]]) -> None:
    """A model trained and saved by Rasa is loaded back trained, as `rasa run` would load it."""
    assert_waiting_and_thanks_understood(answers[WAITING], answers[THANKS])


def test_a_long_message_is_not_swamped_by_its_many_ordinary_words(
    answers: dict[str, dict[str, Any]],
) -> None:
    """TF-IDF and length normalisation: the few telling words decide, not the count of others."""
    assert answers[LONG_THANKS]["intent"]["name"] == "thank"


def test_a_message_without_words_gets_an_answer_not_a_crash(
    answers: dict[str, dict[str, Any]],
) -> None:
    """Only punctuation or an emoji leaves the featurizers nothing; the ranking still comes."""
    for text in NO_WORDS:
        result = answers[text]
        assert result["intent"]["name"] in {"ask_waiting_time", "thank"}
        assert sum(item["confidence"] for item in result["ranking"]) == pytest.approx(1.0)


def test_a_model_with_the_sentence_embedding_trains_loads_and_answers(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """TF-IDF is for counts: the embedding's negative values pass it by instead of breaking it."""
    model = train(tmp_path_factory.mktemp("embedding"), EMBEDDING_CONFIG)
    assert_waiting_and_thanks_understood(*parse(model, [WAITING, THANKS]))


# Messages with features as the pipeline leaves them: two sparse featurizers (word by word and
# per sentence), one dense sentence featurizer, and a message that got no features at all.
SAME_MATRIX = """
import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa_components.tfidf_logistic_regression import TfidfLogisticRegressionClassifier

rng = np.random.default_rng(7)
def message(tokens):
    m = Message(data={"text": "x"})
    for origin, width in (("words", 5), ("chars", 11)):
        # Rasa's count featurizers hand over COO matrices.
        seq = coo_matrix(rng.integers(0, 3, (tokens, width)).astype(float))
        m.add_features(Features(seq, "sequence", "text", origin))
        m.add_features(Features(coo_matrix(seq.sum(axis=0)), "sentence", "text", origin))
    m.add_features(Features(rng.normal(size=(1, 4)), "sentence", "text", "embedding"))
    return m

messages = [message(3), message(1), message(6)]
component = TfidfLogisticRegressionClassifier(
    TfidfLogisticRegressionClassifier.get_default_config(), "x",
    LocalModelStorage("/tmp"), Resource("x"))
ours = component._create_X(messages)
rasas = LogisticRegressionClassifier._create_X(component, messages)
assert ours.shape == rasas.shape == (3, 20), (ours.shape, rasas.shape)
assert (ours != rasas).nnz == 0
assert isinstance(ours, csr_matrix)  # scikit-learn's column selection needs rows it can index
bare = [Message(data={"text": "?"})]
rasa_bare = LogisticRegressionClassifier._create_X(component, bare)
assert component._create_X(bare).shape == rasa_bare.shape
print("same")
"""


def test_the_feature_matrix_is_the_one_rasa_builds() -> None:
    """Our faster matrix must be Rasa's, column for column, or the regression reads nonsense."""
    completed = rasa_python(SAME_MATRIX)
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert completed.stdout.strip().splitlines()[-1] == "same"
