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
