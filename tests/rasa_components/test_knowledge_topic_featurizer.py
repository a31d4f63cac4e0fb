"""Knowledge keywords become topic features, through Rasa's own tokens (run in the Rasa venv)."""

import json
from pathlib import Path

import pytest
import yaml

from tests.rasa_tools import rasa_python

pytestmark = pytest.mark.rasa

# Trains the featurizer on a knowledge folder, featurizes messages, loads it back from the model
# storage and featurizes them again. Prints, per message, the categories of the message's
# sentence features, before and after loading, and the tokens each category covers.
SCRIPT = """
import json, sys, tempfile
from pathlib import Path
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa_components.knowledge_topic_featurizer import KnowledgeTopicFeaturizer

knowledge_dir, texts = json.loads(sys.stdin.read())
context = ExecutionContext(GraphSchema({}), node_name="topics")
storage = LocalModelStorage(Path(tempfile.mkdtemp()))
resource = Resource("topics")
spacy_nlp = SpacyNLP.create({**SpacyNLP.get_default_config(), "model": ".cache/spacy-da"},
                            storage, resource, context)
model = spacy_nlp.provide()
tokenizer = SpacyTokenizer(SpacyTokenizer.get_default_config())
config = {**KnowledgeTopicFeaturizer.get_default_config(), "knowledge_dir": knowledge_dir}

def featurize(featurizer):
    messages = [Message(data={"text": text}) for text in texts]
    spacy_nlp.process(messages, model)
    tokenizer.process(messages)
    featurizer.process(messages)
    out = []
    for message in messages:
        sequence, sentence = message.get_sparse_features("text")
        found = [featurizer.categories[i] for i in sentence.features.nonzero()[1]]
        tokens = {featurizer.categories[column]: [] for column in set(sequence.features.col)}
        for row, column in zip(sequence.features.row, sequence.features.col):
            tokens[featurizer.categories[column]].append(message.get("text_tokens")[row].text)
        out.append({"sentence": sorted(found), "tokens": tokens})
    return out

trained = KnowledgeTopicFeaturizer.create(config, storage, resource, context)
trained.train(TrainingData(), model)
loaded = KnowledgeTopicFeaturizer.load(config, storage, resource, context)
print(json.dumps({"trained": featurize(trained), "loaded": featurize(loaded)}))
"""

KNOWLEDGE = {
    "records": [
        {
            "category": "nursing_clinic",
            "keywords": ["Holmegaardsparken", "sårpleje", "sting fjernet"],
        },
        {"category": "rehabilitation", "keywords": ["genoptræningsplan", "fys", "Gentofte"]},
        {"category": "care_home", "keywords": ["plejebolig"]},
    ]
}


def featurize(knowledge_dir: Path, texts: list[str]) -> dict[str, list[dict[str, object]]]:
    completed = rasa_python(SCRIPT, json.dumps([str(knowledge_dir), texts]))
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def knowledge_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("knowledge")
    (folder / "records.yaml").write_text(yaml.safe_dump(KNOWLEDGE, allow_unicode=True), "utf-8")
    return folder


def test_keywords_mark_their_category_in_the_words_citizens_type(knowledge_dir: Path) -> None:
    texts = [
        "hvor ligger klinikken i holmegaardsparken",  # a place name the training data lacks
        "min mor har ikke faaet en genoptraeningsplanen",  # inflected, no æ/ø/å
        "kan jeg få SÅR-PLEJE hos jer",  # upper case, hyphenated: one token, the compound
        "skal have sting fjernet",  # a keyword of two words
        "skal jeg til fys eller plejebolig",  # two categories in one message
        "hvad er klokken",  # none
    ]
    result = featurize(knowledge_dir, texts)["trained"]
    assert [r["sentence"] for r in result] == [
        ["nursing_clinic"],
        ["rehabilitation"],
        ["nursing_clinic"],
        ["nursing_clinic"],
        ["care_home", "rehabilitation"],
        [],
    ]
    assert result[0]["tokens"] == {"nursing_clinic": ["holmegaardsparken"]}
    assert result[3]["tokens"] == {"nursing_clinic": ["sting", "fjernet"]}


def test_a_municipality_name_is_no_topic(knowledge_dir: Path) -> None:
    """Gentofte is a keyword of a record above, but it says where, not what."""
    (result,) = featurize(knowledge_dir, ["genoptræning i Gentofte"])["trained"]
    assert result["sentence"] == []


def test_the_trained_table_is_stored_in_the_model(knowledge_dir: Path) -> None:
    texts = ["fys", "holmegaardsparken og plejebolig"]
    result = featurize(knowledge_dir, texts)
    assert result["loaded"] == result["trained"]
    assert result["loaded"][1]["sentence"] == ["care_home", "nursing_clinic"]


def test_the_real_knowledge_names_its_offers_and_places() -> None:
    """Names from the curated knowledge reach the topic a citizen means by them."""
    texts = [
        "mitchellsstraede",
        "holmegaards parken",
        "misbrugsbehandlingen",
        "demenskoordinatoren",
    ]
    result = featurize(Path("knowledge/data"), texts)["trained"]
    assert [r["sentence"] for r in result] == [
        ["nursing_clinic"],
        ["nursing_clinic"],
        ["substance_abuse"],
        ["dementia"],
    ]
