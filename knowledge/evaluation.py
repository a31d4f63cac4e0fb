"""Search quality: top-1 and top-3 accuracy over a set of realistic queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.service import Knowledge


@dataclass
class SearchEvaluation:
    """Result of running every query of an evaluation file."""

    total: int = 0
    top1: int = 0
    top3: int = 0
    misses: list[tuple[str, str, list[str]]] = field(default_factory=list)
    """(query, expected id, the ids found first) for every query not ranked first."""

    @property
    def top1_accuracy(self) -> float:
        """Share of queries whose expected record came first."""
        return self.top1 / self.total if self.total else 0.0

    @property
    def top3_accuracy(self) -> float:
        """Share of queries whose expected record was among the first three."""
        return self.top3 / self.total if self.total else 0.0


def evaluate_search(knowledge: Knowledge, queries_file: Path) -> SearchEvaluation:
    """Run every query in `queries_file` (`queries: [{q, expect, municipality?}]`).

    A query with a municipality is searched the way the assistant does it: that municipality's
    records plus the national ones.
    """
    result = SearchEvaluation()
    for item in yaml.safe_load(queries_file.read_text(encoding="utf-8"))["queries"]:
        municipality = item.get("municipality")
        hits = knowledge.search(
            item["q"], municipality=municipality, include_national=bool(municipality), limit=3
        )
        ids = [hit.record.id for hit in hits]
        result.total += 1
        result.top1 += bool(ids) and ids[0] == item["expect"]
        result.top3 += item["expect"] in ids
        if not ids or ids[0] != item["expect"]:
            result.misses.append((item["q"], item["expect"], ids))
    return result
