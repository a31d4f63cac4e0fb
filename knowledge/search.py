"""Danish search over the curated records: lemmas, æ/ø/å folding, compounds, synonyms, typos.

The index is small (one entry per record) and built in memory from the database; `Knowledge`
rebuilds it when another process loads new data, so any number of replicas stay current.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from knowledge.schema import Category, Record
from knowledge.text import fold, is_stop, lemma, split_compound, term, words

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yaml")

# How much a word counts by the field it stands in: a title word says most about a record.
FIELD_WEIGHTS = {
    "title": 3.0,
    "keywords": 2.0,
    "summary": 1.0,
    "target_group": 0.6,
    "access_text": 0.6,
    "waiting": 0.6,
    "relatives": 0.6,
    "municipality": 1.0,
    "phone": 2.0,
}
COMPOUND_PART_WEIGHT = 0.5
SYNONYM_WEIGHT = 0.7
FUZZY_WEIGHT = 0.8
BM25_K1 = 1.2
BM25_B = 0.5


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[frozenset[str], ...]:
    """Groups of index terms that mean the same to a citizen (from `synonyms.yaml`)."""
    data = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8"))
    return tuple(frozenset(term(word) for word in group) for group in data["groups"])


def _content_words(text: str) -> list[str]:
    return [word for word in words(text) if not is_stop(word)]


@dataclass(frozen=True)
class Hit:
    """A record found by a search, with its score (higher is better)."""

    record: Record
    score: float


@dataclass
class SearchIndex:
    """BM25 over field-weighted lemmas of the records."""

    records: Sequence[Record]
    _weights: list[dict[str, float]] = field(init=False, default_factory=list)
    _lengths: list[float] = field(init=False, default_factory=list)
    _postings: dict[str, list[int]] = field(init=False, default_factory=dict)
    _vocabulary: frozenset[str] = field(init=False, default=frozenset())
    _lemmas: frozenset[str] = field(init=False, default=frozenset())
    """Folded lemmas of all indexed words: the parts a compound may be split into."""

    def __post_init__(self) -> None:
        documents: list[dict[str, float]] = []
        lemmas: list[dict[str, float]] = []
        for record in self.records:
            weights: dict[str, float] = defaultdict(float)
            surface: dict[str, float] = defaultdict(float)
            for name, weight in FIELD_WEIGHTS.items():
                value = getattr(record, name)
                text = " ".join(value) if isinstance(value, list) else (value or "")
                for word in _content_words(text):
                    weights[term(word)] += weight
                    surface[lemma(word)] += weight
            documents.append(weights)
            lemmas.append(surface)
        self._lemmas = frozenset(word for surface in lemmas for word in surface)
        # Compound parts make "klinik" find "sygeplejeklinik" (at a lower weight).
        for weights, surface in zip(documents, lemmas, strict=True):
            for word, weight in surface.items():
                if len(word) >= 8:
                    for part in split_compound(word, self._lemmas, min_part=4) or []:
                        weights[term(part)] += weight * COMPOUND_PART_WEIGHT
        postings: dict[str, list[int]] = defaultdict(list)
        for position, weights in enumerate(documents):
            for key in weights:
                postings[key].append(position)
        self._weights = documents
        self._lengths = [sum(weights.values()) for weights in documents]
        self._postings = dict(postings)
        self._vocabulary = frozenset(postings)

    def expand(self, query: str) -> dict[str, float]:
        """Turn a query into weighted index terms.

        Args:
            query: What the citizen typed.

        Returns:
            Index terms with the weight each carries in the query.
        """
        terms: dict[str, float] = {}

        def add(key: str, weight: float) -> None:
            terms[key] = max(terms.get(key, 0.0), weight)

        content = _content_words(query)
        # Citizens split compounds ("kontakt person"): try each adjacent pair joined.
        for first, second in itertools.pairwise(content):
            joined = term(first + second)
            if joined in self._vocabulary:
                add(joined, 1.0)
        for word in content:
            for key, weight in self._resolve(word):
                add(key, weight)
                for group in synonym_groups():
                    if key in group:
                        for synonym in group - {key}:
                            if synonym in self._vocabulary:
                                add(synonym, weight * SYNONYM_WEIGHT)
        return terms

    def _resolve(self, word: str) -> list[tuple[str, float]]:
        """Index terms for one query word: exact, compound parts, or the nearest typo match."""
        key = term(word)
        if key in self._vocabulary:
            return [(key, 1.0)]
        parts = split_compound(lemma(word), self._lemmas) or split_compound(
            fold(word), self._lemmas
        )
        if parts:
            return [(term(part), 1.0) for part in parts if term(part) in self._vocabulary]
        if len(key) < 4:
            return []
        allowed = 1 if len(key) < 8 else 2
        match = process.extractOne(
            key, self._vocabulary, scorer=Levenshtein.distance, score_cutoff=allowed
        )
        return [(match[0], FUZZY_WEIGHT)] if match else []

    def search(
        self,
        query: str,
        *,
        municipality: str | None = None,
        include_national: bool = False,
        category: Category | None = None,
        limit: int = 5,
    ) -> list[Hit]:
        """Rank the records for `query`, best first.

        Args:
            query: Free Danish text.
            municipality: Keep only this municipality's records.
            include_national: With `municipality`, also keep national records.
            category: Keep only this category.
            limit: Most hits to return.

        Returns:
            Hits with a positive score, best first.
        """
        terms = self.expand(query)
        if not terms:
            return []
        count = len(self.records)
        average = sum(self._lengths) / count if count else 1.0
        scores: dict[int, float] = defaultdict(float)
        for key, query_weight in terms.items():
            postings = self._postings.get(key, [])
            idf = math.log(1 + (count - len(postings) + 0.5) / (len(postings) + 0.5))
            for position in postings:
                tf = self._weights[position][key]
                norm = BM25_K1 * (1 - BM25_B + BM25_B * self._lengths[position] / average)
                scores[position] += query_weight * idf * tf * (BM25_K1 + 1) / (tf + norm)

        def wanted(record: Record) -> bool:
            if category is not None and record.category != category:
                return False
            if municipality is None:
                return True
            return record.municipality == municipality or (
                include_national and record.municipality == "national"
            )

        ranked = sorted(scores.items(), key=lambda item: (-item[1], self.records[item[0]].id))
        hits = [Hit(self.records[pos], score) for pos, score in ranked if wanted(self.records[pos])]
        return hits[:limit]


def build_index(records: Iterable[Record]) -> SearchIndex:
    """Index `records` for search."""
    return SearchIndex(list(records))
