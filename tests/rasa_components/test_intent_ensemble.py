"""The intent ensemble averages two classifiers' probabilities (run in the Rasa venv)."""

import json
from typing import Any

import pytest

from tests.rasa_tools import rasa_python

pytestmark = pytest.mark.rasa

# Runs inside the Rasa environment (Python 3.10), where the component's imports exist.
SCRIPT = """
import json, sys
from rasa.shared.nlu.training_data.message import Message
from rasa_components.intent_ensemble import AverageIntentRankings, KeepIntentRanking

cases = json.loads(sys.stdin.read())
keep = KeepIntentRanking()
average = AverageIntentRankings({"first_weight": 0.6, "ranking_length": 2})
out = []
for first, second in cases:
    message = Message(data={"text": "x"})
    if first is not None:
        message.set("intent_ranking", first)
    keep.process([message])
    if second is not None:
        message.set("intent", second[0])
        message.set("intent_ranking", second)
    average.process([message])
    out.append({"intent": message.get("intent"), "ranking": message.get("intent_ranking")})
print(json.dumps(out))
"""


Ranking = list[dict[str, object]]


def run_ensemble(cases: list[tuple[Ranking | None, Ranking | None]]) -> list[dict[str, Any]]:
    completed = rasa_python(SCRIPT, json.dumps(cases))
    assert completed.returncode == 0, completed.stderr[-2000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def ranking(**confidences: float) -> Ranking:
    return [{"name": name, "confidence": value} for name, value in confidences.items()]


def test_the_average_can_overrule_the_second_classifier() -> None:
    (result,) = run_ensemble(
        [(ranking(ask_contact=0.9, ask_human=0.1), ranking(ask_human=0.6, ask_contact=0.4))]
    )
    # 0.6 * 0.9 + 0.4 * 0.4 = 0.70 for ask_contact; 0.6 * 0.1 + 0.4 * 0.6 = 0.30 for ask_human.
    assert result["intent"]["name"] == "ask_contact"
    assert result["intent"]["confidence"] == pytest.approx(0.70)
    assert [item["name"] for item in result["ranking"]] == ["ask_contact", "ask_human"]


def test_an_intent_only_one_classifier_ranks_keeps_its_weighted_share() -> None:
    (result,) = run_ensemble([(ranking(greet=1.0), ranking(goodbye=0.5, greet=0.3, thank=0.2))])
    assert result["intent"] == {"name": "greet", "confidence": pytest.approx(0.72)}
    assert len(result["ranking"]) == 2  # cut to ranking_length


def test_without_a_first_ranking_the_second_classifier_stands() -> None:
    (result,) = run_ensemble([(None, ranking(thank=0.8, greet=0.2))])
    assert result["intent"]["name"] == "thank"
    assert result["intent"]["confidence"] == pytest.approx(0.8)
