"""Read and validate the curated YAML files, with errors an editor can act on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from knowledge.schema import Record


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the curated data, located by file, record and field."""

    file: str
    record_id: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.record_id:
            where += f": record '{self.record_id}'"
        if self.field:
            where += f": field '{self.field}'"
        return f"{where}: {self.message}"


class KnowledgeError(ValueError):
    """The curated data has problems; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"{len(problems)} problem(s) in the knowledge files:\n{lines}")


def _records_of(path: Path, problems: list[Problem]) -> list[dict[str, Any]]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problems.append(Problem(path.name, None, None, f"not valid YAML{where}"))
        return []
    except UnicodeDecodeError:
        problems.append(Problem(path.name, None, None, "not UTF-8 text"))
        return []
    if not isinstance(document, dict) or not isinstance(document.get("records"), list):
        problems.append(Problem(path.name, None, "records", "the file must hold 'records: [...]'"))
        return []
    extra = sorted(set(document) - {"records"})
    if extra:
        problems.append(Problem(path.name, None, extra[0], "unknown top-level key"))
    return list(document["records"])


def _validate(path: Path, index: int, raw: Any, problems: list[Problem]) -> Record | None:
    record_id = raw.get("id") if isinstance(raw, dict) else None
    label = str(record_id) if record_id else f"#{index + 1}"
    if not isinstance(raw, dict):
        problems.append(Problem(path.name, label, None, "a record must be a mapping"))
        return None
    try:
        return Record.model_validate(raw)
    except ValidationError as error:
        for detail in error.errors():
            field = ".".join(str(part) for part in detail["loc"]) or None
            problems.append(Problem(path.name, label, field, detail["msg"]))
        return None


def read_records(files: Iterable[Path]) -> list[Record]:
    """Validate every record of `files`; all problems are collected before failing.

    Args:
        files: The YAML files to read.

    Returns:
        The validated records, in file order.

    Raises:
        KnowledgeError: Any file, record or field is invalid, or an id is used twice.
    """
    problems: list[Problem] = []
    records: list[Record] = []
    first_file: dict[str, str] = {}
    for path in files:
        for index, raw in enumerate(_records_of(path, problems)):
            record = _validate(path, index, raw, problems)
            if record is None:
                continue
            if record.id in first_file:
                problems.append(
                    Problem(path.name, record.id, "id", f"already used in {first_file[record.id]}")
                )
                continue
            first_file[record.id] = path.name
            records.append(record)
    if problems:
        raise KnowledgeError(problems)
    return records


def knowledge_files(directory: Path) -> list[Path]:
    """The curated files of a knowledge directory, in a stable order."""
    return sorted(directory.glob("*.yaml"))
