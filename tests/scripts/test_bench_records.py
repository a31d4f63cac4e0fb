"""`make bench` reuses a pipeline's recorded scores only while they still describe the splits."""

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from assistant.settings import PROJECT_ROOT


@pytest.fixture
def bench(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", PROJECT_ROOT / "scripts" / "bench.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for split in ("held_out", "dev"):
        (tmp_path / split).mkdir()
        (tmp_path / split / "split.yml").write_text(f"{split} v1")
    monkeypatch.setattr(module, "HELD_OUT", tmp_path / "held_out")
    monkeypatch.setattr(module, "DEVELOPMENT", tmp_path / "dev")
    monkeypatch.setattr(module, "RECORDS", tmp_path / "records.json")
    return module


def measured(bench: ModuleType) -> dict[str, object]:
    return {
        "macro_f1": 0.893,
        "dev_macro_f1": 0.94,
        "train_s": 6729,
        "held_out_split": bench._split_digest(bench.HELD_OUT),
        "dev_split": bench._split_digest(bench.DEVELOPMENT),
    }


def test_a_recorded_pipeline_is_reported_without_retraining(bench: ModuleType) -> None:
    bench._record("rasa_default-abc", {**measured(bench), "cached": True})
    recorded = bench._recorded("rasa_default-abc")
    assert recorded is not None
    assert (recorded["macro_f1"], recorded["dev_macro_f1"], recorded["train_s"]) == (
        0.893,
        0.94,
        6729,
    )
    assert "cached" not in json.loads(bench.RECORDS.read_text())["rasa_default-abc"]


def test_another_config_or_data_is_not_taken_for_the_recorded_one(bench: ModuleType) -> None:
    bench._record("rasa_default-abc", measured(bench))
    assert bench._recorded("rasa_default-def") is None


def test_a_changed_held_out_split_means_measuring_again(bench: ModuleType) -> None:
    bench._record("rasa_default-abc", measured(bench))
    (bench.HELD_OUT / "split.yml").write_text("held_out v2")
    assert bench._recorded("rasa_default-abc") is None


def test_a_changed_development_split_drops_only_the_development_score(
    bench: ModuleType,
) -> None:
    bench._record("rasa_default-abc", measured(bench))
    (bench.DEVELOPMENT / "fresh.yml").write_text("more messages")
    recorded = bench._recorded("rasa_default-abc")
    assert recorded is not None
    assert recorded["macro_f1"] == 0.893
    assert recorded["dev_macro_f1"] == "not measured on the current splits"


def test_reuse_older_reports_the_newest_record_on_older_data_marked_as_such(
    bench: ModuleType,
) -> None:
    """New training data and no time to retrain the slow default: show its last measurement."""
    bench._record("rasa_default-old", {**measured(bench), "data": "d1", "measured": "2026-11-01"})
    bench._record(
        "rasa_default-new",
        {**measured(bench), "data": "d2", "measured": "2026-11-20", "macro_f1": 0.9},
    )
    older = bench._recorded_on_any_data("rasa_default")
    assert older is not None
    assert (older["macro_f1"], older["data"], older["older"]) == (0.9, "d2", True)
    assert bench._recorded_on_any_data("rasa_default", "d1")["macro_f1"] == 0.893
    assert bench._recorded_on_any_data("ours") is None


def test_reuse_older_ignores_records_on_another_held_out_split(bench: ModuleType) -> None:
    bench._record("rasa_default-old", {**measured(bench), "data": "d1"})
    (bench.HELD_OUT / "split.yml").write_text("held_out v2")
    assert bench._recorded_on_any_data("rasa_default") is None


def test_reuse_older_still_trains_our_pipeline_and_shows_the_default_as_recorded(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ours trains in minutes, so it is always measured on the current data."""
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    for name in ("config.yml", "domain.yml", "requirements-rasa.lock"):
        (tmp_path / name).write_text("a project with no cached training")
    monkeypatch.setenv("BENCH_REUSE_OLDER", "1")
    monkeypatch.delenv("BENCH_RETRAIN", raising=False)
    trained: list[str] = []

    def train(name: str, config_text: str, cache: Path) -> dict[str, object]:
        trained.append(name)
        return {"error": "stopped by the test"}

    monkeypatch.setattr(bench, "_trained_pipeline", train)
    bench._record("rasa_default-old", {**measured(bench), "data": "d1"})
    bench._record("ours-old", {**measured(bench), "data": "d1", "macro_f1": 0.925})
    results = bench.bench_pipelines()
    assert trained == ["ours"]
    assert (results["rasa_default"]["macro_f1"], results["rasa_default"]["older"]) == (0.893, True)
    assert results["ours_same_data"]["macro_f1"] == 0.925
