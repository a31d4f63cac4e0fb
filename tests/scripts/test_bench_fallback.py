"""`make bench` counts what users saw: an answer, right or wrong, or a question back."""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from assistant.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", PROJECT_ROOT / "scripts" / "bench.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parse(decided: str, *ranking: tuple[str, float]) -> dict[str, object]:
    """A `/model/parse` answer: the decided intent, then the ranking Rasa returns."""
    names = [{"name": name, "confidence": confidence} for name, confidence in ranking]
    if decided == "nlu_fallback":
        names.insert(0, {"name": "nlu_fallback", "confidence": 0.45})
    return {"intent": {"name": decided}, "intent_ranking": names}


UNSURE_RIGHT = ("ask_home_care", parse("nlu_fallback", ("ask_home_care", 0.5), ("greet", 0.2)))
UNSURE_WRONG = ("ask_cost", parse("nlu_fallback", ("ask_home_care", 0.5), ("ask_cost", 0.3)))
SURE_RIGHT = ("greet", parse("greet", ("greet", 0.9), ("goodbye", 0.05)))
SURE_WRONG = ("thank", parse("goodbye", ("goodbye", 0.8), ("thank", 0.1)))


def test_asking_back_is_told_apart_by_whether_the_first_guess_was_right(
    bench: ModuleType,
) -> None:
    counts = bench.fallback_outcomes([UNSURE_RIGHT, UNSURE_WRONG, SURE_RIGHT, SURE_WRONG])
    assert counts == {"right": 1, "wrong": 1, "asked_guess_right": 1, "asked_guess_wrong": 1}


def test_a_higher_threshold_asks_back_where_the_live_bot_answered(bench: ModuleType) -> None:
    counts = bench.fallback_outcomes([UNSURE_RIGHT, SURE_WRONG, SURE_RIGHT], (0.85, 0.1))
    assert counts == {"right": 1, "wrong": 0, "asked_guess_right": 1, "asked_guess_wrong": 1}


def test_a_close_runner_up_makes_the_bot_ask_back(bench: ModuleType) -> None:
    close = ("ask_cost", parse("ask_cost", ("ask_cost", 0.5), ("ask_home_care", 0.45)))
    counts = bench.fallback_outcomes([close], (0.3, 0.1))
    assert counts["asked_guess_right"] == 1


def test_development_messages_are_read_without_entity_markup(
    bench: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "split.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: ask_care_home\n    examples: |\n'
        "      - plejebolig i [Gentofte](municipality) til [mor]"
        '{"entity": "relation", "value": "parent"}\n'
        "  - lookup: municipality\n    examples: |\n      - Gentofte\n",
        encoding="utf-8",
    )
    assert bench.labelled_messages(tmp_path) == [("plejebolig i Gentofte til mor", "ask_care_home")]


def test_the_configured_fallback_is_read_from_config_yml(bench: ModuleType) -> None:
    threshold, ambiguity = bench.configured_fallback()
    assert 0 < threshold < 1
    assert 0 <= ambiguity < threshold
