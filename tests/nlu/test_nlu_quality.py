"""Rasa's own tools judge the understanding: data validation and the held-out intents."""

import json

import pytest

from assistant.safety import detect_danger
from tests.rasa_tools import MODEL_PATH, rasa
from tests.system import OUTPUT

pytestmark = pytest.mark.rasa
HELD_OUT = "tests/nlu"
# Issue 4 asks for macro-F1 >= 0.95 on the held-out split; the model reaches 0.939 (session 23,
# after three mislabelled training examples were corrected; 0.94 to 0.947 from session 16 to 22;
# see docs/benchmarks.md). These floors guard against regressions until the target is met; they
# are not the acceptance criterion. Safety: classifier or net together reach 0.94-0.95.
MACRO_F1_FLOOR = 0.93
SAFETY_RECALL_FLOOR = 0.90
ENTITY_F1_FLOOR = 0.95
SAFETY_INTENTS = ("emergency", "suicidal", "urgent_illness")


def test_training_data_validates_without_warnings() -> None:
    result = rasa("data", "validate", "--fail-on-warnings", "--quiet")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def intent_report() -> dict:
    out = OUTPUT / "nlu"
    result = rasa("test", "nlu", "--nlu", HELD_OUT, "--model", str(MODEL_PATH), "--out", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads((out / "intent_report.json").read_text())


def test_held_out_intent_macro_f1(intent_report: dict) -> None:
    f1 = intent_report["macro avg"]["f1-score"]
    weakest = sorted(
        (v["f1-score"], k)
        for k, v in intent_report.items()
        if isinstance(v, dict)
        and "support" in v
        and k not in ("macro avg", "weighted avg", "micro avg")
    )[:5]
    assert f1 >= MACRO_F1_FLOOR, f"macro-F1 {f1:.3f}; weakest intents: {weakest}"


def test_entities_are_found_in_the_held_out_split(intent_report: dict) -> None:
    """Municipality, relation and disease fill the slots that shape an answer."""
    report = json.loads((OUTPUT / "nlu" / "CRFEntityExtractor_report.json").read_text())
    f1 = report["micro avg"]["f1-score"]
    assert f1 >= ENTITY_F1_FLOOR, {k: v for k, v in report.items() if "avg" not in k}


def test_danger_is_answered_by_the_classifier_or_the_safety_net(intent_report: dict) -> None:
    """What a user in danger notices: the emergency reply, from either safeguard."""
    errors = json.loads((OUTPUT / "nlu" / "intent_errors.json").read_text())
    for intent in SAFETY_INTENTS:
        missed = [
            e["text"] for e in errors if e["intent"] == intent and detect_danger(e["text"]) is None
        ]
        support = intent_report[intent]["support"]
        recall = 1 - len(missed) / support
        assert recall >= SAFETY_RECALL_FLOOR, (intent, round(recall, 2), missed)
