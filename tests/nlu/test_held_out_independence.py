"""The evaluation sets stay held out: no message in them is also a training example.

A message that is both trained on and tested on makes the score look better than what a citizen
will meet, so the check is exact after removing case, punctuation and entity markup.
"""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from tests.rasa_tools import XSID_HINT, XSID_TEST, labelled_examples, read_conll_texts

TRAINING = sorted((PROJECT_ROOT / "data" / "nlu").glob("*.yml"))
HELD_OUT = PROJECT_ROOT / "tests" / "nlu" / "test_split.yml"
DEVELOPMENT = sorted((PROJECT_ROOT / "tests" / "nlu_dev").glob("*.yml"))


def normalise(text: str) -> str:
    """Lower case, punctuation removed, single spaces."""
    return " ".join(re.findall(r"\w+", text.lower()))


def examples(path: Path) -> Iterator[str]:
    """The normalised example messages of one Rasa NLU file, entity markup removed."""
    for text, _ in labelled_examples(path):
        yield normalise(text)


def training_messages() -> set[str]:
    return {message for path in TRAINING for message in examples(path)}


@pytest.mark.parametrize("evaluation", [HELD_OUT, *DEVELOPMENT], ids=lambda path: path.stem)
def test_no_evaluation_message_is_trained_on(evaluation: Path) -> None:
    shared = sorted(set(examples(evaluation)) & training_messages())
    assert not shared, f"{len(shared)} messages of {evaluation.name} are also trained on: {shared}"


def test_there_is_a_development_split() -> None:
    """A glob that found no development split would check nothing."""
    assert [path.name for path in DEVELOPMENT] == [
        "dev_split_4.yml",
        "dev_split_5.yml",
        "dev_split_7.yml",
        "dev_split_8.yml",
        "dev_split_9.yml",
        "knowledge_names.yml",
    ]


@pytest.mark.parametrize("development", DEVELOPMENT, ids=lambda path: path.stem)
def test_development_and_held_out_splits_do_not_share_messages(development: Path) -> None:
    shared = sorted(set(examples(development)) & set(examples(HELD_OUT)))
    assert not shared, shared


def test_no_xsid_utterance_is_trained_on() -> None:
    source = XSID_TEST / "da.test.conll"
    assert source.exists(), f"xSID test set missing at {source}: {XSID_HINT}"
    xsid = {normalise(text) for text in read_conll_texts(source)}
    shared = sorted(xsid & training_messages())
    assert not shared, shared
