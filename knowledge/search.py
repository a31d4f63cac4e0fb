"""Danish search over the curated records: lemmas, æ/ø/å folding, compounds, synonyms, typos.

The index is small (one entry per record) and built in memory from the database; `Knowledge`
rebuilds it when another process loads new data, so any number of replicas stay current.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from knowledge.municipalities import registry
from knowledge.schema import Category, Record
from knowledge.text import fold, is_stop, lemma, split_compound, term, words

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yaml")
_WORD_AS_WRITTEN = re.compile(r"\b[A-Za-zÆØÅæøåé]{4,}\b")
# A capitalised word right after a lower-case word or a comma: a name, not a sentence start.
_NAME_MID_SENTENCE = re.compile(r"(?<=[a-zæøå,] )([A-ZÆØÅ][a-zæøåé]{3,})\b")

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
PREFERRED_CATEGORY_BOOST = 1.5
# With `include_national`, a record of the citizen's own municipality beats a national one of
# the same relevance: local facts before general referrals.
OWN_MUNICIPALITY_BOOST = 1.3
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
    _place_names: dict[str, str] = field(init=False, default_factory=dict)
    """Terms of proper names found in one municipality's records only (Tranehaven -> gentofte)."""

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
        self._place_names = self._find_place_names()
        self._weights = documents
        self._lengths = [sum(weights.values()) for weights in documents]
        self._postings = dict(postings)
        self._vocabulary = frozenset(postings)

    def _find_place_names(self) -> dict[str, str]:
        # A proper name is never written in lower case; municipality names are not places.
        seen: dict[str, set[str]] = defaultdict(set)
        lower_case: set[str] = set()
        for record in self.records:
            for value in (record.title, record.summary, record.access_text, record.waiting):
                text = value or ""
                lower_case |= {term(w) for w in _WORD_AS_WRITTEN.findall(text) if w.islower()}
                for word in _NAME_MID_SENTENCE.findall(text):
                    if registry().find(word) is None:
                        seen[term(word)].add(record.municipality)
        return {
            key: next(iter(places))
            for key, places in seen.items()
            if len(places) == 1 and "national" not in places and key not in lower_case
        }

    def implied_municipality(self, query: str) -> str | None:
        """The municipality a query names through a place only it has (`Mitchellsstræde`).

        Returns:
            A municipality slug, or None when the query names no such place (or several).
        """
        found = {
            self._place_names[key]
            for group in self.expand(query)
            for key, weight in group.items()
            if weight >= 1.0 and key in self._place_names
        }
        return found.pop() if len(found) == 1 else None

    def expand(self, query: str) -> list[dict[str, float]]:
        """Turn a query into groups of weighted index terms, one group per query word.

        A record scores each group once, by its best term: a record full of synonyms of one
        word ("plejehjem, plejecenter, plejebolig") must not outrank the record that matches
        every word of the question.

        Args:
            query: What the citizen typed.

        Returns:
            For each meaningful word (or joined word pair), its index terms with weights.
        """
        groups: list[dict[str, float]] = []
        content = _content_words(query)
        # Citizens split compounds ("kontakt person"): try each adjacent pair joined.
        joined_words: set[int] = set()
        for index, (first, second) in enumerate(itertools.pairwise(content)):
            joined = term(first + second)
            if joined in self._vocabulary and index not in joined_words:
                groups.append(self._with_synonyms(joined, 1.0))
                joined_words |= {index, index + 1}
        for index, word in enumerate(content):
            if index in joined_words:
                continue
            groups += [self._with_synonyms(key, weight) for key, weight in self._resolve(word)]
        return groups

    def _with_synonyms(self, key: str, weight: float) -> dict[str, float]:
        group = {key: weight}
        for synonyms in synonym_groups():
            if key in synonyms:
                for synonym in synonyms - {key}:
                    if synonym in self._vocabulary:
                        group.setdefault(synonym, weight * SYNONYM_WEIGHT)
        return group

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
        prefer: Collection[Category] = (),
        limit: int = 5,
    ) -> list[Hit]:
        """Rank the records for `query`, best first.

        Args:
            query: Free Danish text.
            municipality: Keep only this municipality's records.
            include_national: With `municipality`, also keep national records.
            category: Keep only this category.
            prefer: Categories whose records score higher (what the classifier thinks the
                question is about), without hiding the others.
            limit: Most hits to return.

        Returns:
            Hits with a positive score, best first.
        """
        groups = self.expand(query)
        if not groups:
            return []
        count = len(self.records)
        average = sum(self._lengths) / count if count else 1.0
        scores: dict[int, float] = defaultdict(float)
        for group in groups:
            best: dict[int, float] = defaultdict(float)
            for key, query_weight in group.items():
                postings = self._postings.get(key, [])
                idf = math.log(1 + (count - len(postings) + 0.5) / (len(postings) + 0.5))
                for position in postings:
                    tf = self._weights[position][key]
                    norm = BM25_K1 * (1 - BM25_B + BM25_B * self._lengths[position] / average)
                    score = query_weight * idf * tf * (BM25_K1 + 1) / (tf + norm)
                    best[position] = max(best[position], score)
            for position, score in best.items():
                scores[position] += score

        def wanted(record: Record) -> bool:
            if category is not None and record.category != category:
                return False
            if municipality is None:
                return True
            return record.municipality == municipality or (
                include_national and record.municipality == "national"
            )

        for position in scores:
            record = self.records[position]
            if record.category in prefer:
                scores[position] *= PREFERRED_CATEGORY_BOOST
            if include_national and municipality and record.municipality == municipality:
                scores[position] *= OWN_MUNICIPALITY_BOOST
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self.records[item[0]].id))
        hits = [Hit(self.records[pos], score) for pos, score in ranked if wanted(self.records[pos])]
        return hits[:limit]


def build_index(records: Iterable[Record]) -> SearchIndex:
    """Index `records` for search."""
    return SearchIndex(list(records))
