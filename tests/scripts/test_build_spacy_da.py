"""The spelling table that lets the bot read "paaroerende" and "hjemmehjlp" as the real words."""

import importlib.util
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_spacy_da", ROOT / "scripts" / "build_spacy_da.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_script()


def test_spellings_without_danish_letters_are_generated() -> None:
    assert {"hjaelp", "hjalp", "hjlp"} <= build.fold_variants("hjælp")
    assert {"paaroerende", "parorende"} <= build.fold_variants("pårørende")
    assert build.fold_variants("genoptræning") >= {"genoptraening", "genoptrning"}
    assert build.fold_variants("ventetid") == set()


def test_one_typo_spellings_of_long_words_only() -> None:
    typos = build.typo_variants("plejehjem")
    assert {"plejhjem", "plejehjme", "pllejehjem"} <= typos
    assert "plejehjem" not in typos
    assert build.typo_variants("mor") == set()


TABLE = {
    "hjælp": "hjælp",
    "hjælpen": "hjælp",
    "hjælpe": "hjælpe",
    "hjalp": "hjælpe",
    "pårørende": "pårørende",
    "plejehjem": "plejehjem",
    "plejehjemmet": "plejehjem",
}


def test_misspellings_point_at_the_lemma_of_the_real_word() -> None:
    entries, _ = build.spelling_entries(TABLE, ["hjælp", "paaroerende", "pårørende", "plejehjem"])
    assert entries["hjaelp"] == "hjælp"
    assert entries["hjaelpen"] == "hjælp"  # an inflected form the training data never had
    assert entries["paaroerende"] == "pårørende"  # a misspelling typed in the training data
    assert entries["plejhjem"] == "plejehjem"
    # Typos are made only of words people typed, to keep the table small and safe.
    assert "plejehjemmt" not in entries


def test_real_words_are_never_remapped() -> None:
    entries, _ = build.spelling_entries(TABLE, ["hjælp", "hjælpe"])
    assert (
        "hjalp" not in entries
    )  # "hjalp" is a real word (past of hjælpe), not "hjælp" typed badly


def test_a_spelling_two_lemmas_claim_is_left_out() -> None:
    table = {"sår": "sår", "sar": "sar", "sæd": "sæd", "sød": "sød"}
    entries, ambiguous = build.spelling_entries(table, ["sæd", "sød"])
    assert "sd" not in entries  # "sæd" and "sød" both lose their vowel to "sd"
    assert ambiguous >= 1


def test_words_of_our_own_get_their_typos_too() -> None:
    entries, _ = build.spelling_entries(TABLE, ["akutteam"])
    assert entries["akuteam"] == "akutteam"


@pytest.mark.rasa
def test_the_built_pipeline_reads_misspellings_as_the_real_word() -> None:
    code = (
        "import spacy; nlp = spacy.load('.cache/spacy-da');"
        "print(' '.join(t.lemma_ for t in nlp('paaroerende hjemmehjlp plejhjemmet ventetiden')))"
    )
    result = subprocess.run(
        [str(ROOT / ".venv-rasa" / "bin" / "python"), "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["pårørende", "hjemmehjælp", "plejehjem", "ventetid"]
