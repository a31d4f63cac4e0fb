"""Editors get errors that name file, record and field; bad data never replaces good data."""

import shutil
from pathlib import Path

import pytest

from knowledge.loader import KnowledgeError, knowledge_files, read_records
from knowledge.service import Knowledge
from tests.conftest import FIXTURES

GOOD = (FIXTURES / "knowledge" / "small.yaml").read_text()
RECORD = """records:
  - id: gentofte-test
    kind: offer
    municipality: gentofte
    category: care_home
    title: En test
    summary: Kort tekst.
    as_of: 2022-11-01
    sources: [{seed: 001_a22963ae9884f6e1.txt, lines: "1-2"}]
    verified: true
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(directory: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        read_records(knowledge_files(directory))
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("category: care_home", "category: plejehjem"),
            "bad.yaml: record 'gentofte-test': field 'category'",
        ),
        (
            ("as_of: 2022-11-01", "as_of: sidste år"),
            "bad.yaml: record 'gentofte-test': field 'as_of'",
        ),
        (
            ("    verified: true\n", "    verified: true\n    phone_number: 12345678\n"),
            "bad.yaml: record 'gentofte-test': field 'phone_number': Extra inputs",
        ),
        (
            ('lines: "1-2"', 'lines: "linje to"'),
            "bad.yaml: record 'gentofte-test': field 'sources.0.lines'",
        ),
        (
            ('{seed: 001_a22963ae9884f6e1.txt, lines: "1-2"}', "{seed: 001_a22963ae9884f6e1.txt}"),
            "field 'sources.0': Value error, a seed source needs 'lines'",
        ),
        (("id: gentofte-test", "id: Gentofte Test"), "field 'id'"),
        (
            ("    summary: Kort tekst.\n", ""),
            "bad.yaml: record 'gentofte-test': field 'summary': Field required",
        ),
        (
            ("    verified: true\n", "    verified: true\n    phone: 12 34 56 78\n"),
            "a phone number needs a named public source",
        ),
    ],
    ids=[
        "category",
        "date",
        "unknown-field",
        "lines",
        "seed-without-lines",
        "id-format",
        "missing-summary",
        "phone-from-seed",
    ],
)
def test_bad_record_names_file_record_and_field(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    write(tmp_path, "bad.yaml", RECORD.replace(*change))
    problems = problems_of(tmp_path)
    assert any(expected in p for p in problems), problems


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    write(tmp_path, "broken.yaml", "records:\n  - id: x\n   title: [unclosed\n")
    assert any(p.startswith("broken.yaml: not valid YAML (line") for p in problems_of(tmp_path))


def test_missing_records_key(tmp_path: Path) -> None:
    write(tmp_path, "empty.yaml", "- just a list\n")
    assert problems_of(tmp_path) == [
        "empty.yaml: field 'records': the file must hold 'records: [...]'"
    ]


def test_duplicate_id_across_files_names_both(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", RECORD)
    write(tmp_path, "b.yaml", RECORD)
    assert problems_of(tmp_path) == [
        "b.yaml: record 'gentofte-test': field 'id': already used in a.yaml"
    ]


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", RECORD.replace("category: care_home", "category: x"))
    write(
        tmp_path,
        "b.yaml",
        RECORD.replace("gentofte-test", "gentofte-other").replace("as_of: 2022-11-01", "as_of: x"),
    )
    problems = problems_of(tmp_path)
    assert len(problems) == 2


def test_load_is_atomic_and_idempotent(tmp_path: Path, database_url: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    write(data, "small.yaml", GOOD)
    knowledge = Knowledge.from_url(database_url)
    first = knowledge.load_directory(data)
    assert (first.record_count, first.changed) == (5, True)
    again = knowledge.load_directory(data)
    assert (again.record_count, again.changed) == (5, False)

    write(data, "zz-bad.yaml", RECORD.replace("category: care_home", "category: nope"))
    with pytest.raises(KnowledgeError):
        knowledge.load_directory(data)
    # The previous data keeps serving, search included.
    assert len(knowledge.records()) == 5
    assert knowledge.search("plejebolig")[0].record.id == "gentofte-plejebolig-garanti"


def test_edit_is_seen_by_another_process_after_reload(tmp_path: Path, database_url: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURES / "knowledge" / "small.yaml", data / "small.yaml")
    editor, server = Knowledge.from_url(database_url), Knowledge.from_url(database_url)
    editor.load_directory(data)
    assert "2 måneder" in server.search("plejebolig garanti")[0].record.summary
    write(data, "small.yaml", GOOD.replace("inden for 2 måneder", "inden for 8 uger"))
    assert editor.load_directory(data).changed
    assert "8 uger" in server.search("plejebolig garanti")[0].record.summary


def test_record_round_trips_through_the_database(tmp_path: Path, database_url: str) -> None:
    knowledge = Knowledge.from_url(database_url)
    knowledge.load_directory(FIXTURES / "knowledge")
    record = knowledge.get("koebenhavn-sundhedshuse")
    assert record is not None
    assert record.status.value == "planned"
    assert record.as_of.year == 2009
    assert record.source_label() == "002:445-447"
    assert knowledge.get("findes-ikke") is None
