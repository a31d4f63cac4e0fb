"""The knowledge base as the rest of the code sees it: load, look up, search."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from knowledge.loader import knowledge_files, read_records
from knowledge.schema import Category, Record
from knowledge.search import Hit, SearchIndex, build_index
from knowledge.store import KnowledgeStore

COVERED_MIN_SHARE = 0.05


@dataclass(frozen=True)
class LoadResult:
    """What a load did."""

    record_count: int
    changed: bool


class Knowledge:
    """Search and look-ups over one knowledge store, with an index that follows reloads."""

    def __init__(self, store: KnowledgeStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._index: SearchIndex | None = None
        self._version = -1

    @classmethod
    def from_url(cls, database_url: str) -> Knowledge:
        """Open the knowledge base at a SQLAlchemy URL."""
        return cls(KnowledgeStore.from_url(database_url))

    def load_directory(self, directory: Path) -> LoadResult:
        """Validate every YAML file in `directory` and replace the data atomically.

        Args:
            directory: Folder with the curated `*.yaml` files.

        Returns:
            How many records the knowledge base now holds, and whether anything changed.

        Raises:
            KnowledgeError: A file is invalid; the previous data keeps serving.
        """
        records = read_records(knowledge_files(directory))
        changed = self.store.replace_all(records)
        return LoadResult(record_count=len(records), changed=changed)

    def index(self) -> SearchIndex:
        """The search index of the data now loaded (rebuilt after any process loads)."""
        version = self.store.version()
        with self._lock:
            if self._index is None or version != self._version:
                self._index = build_index(self.store.all_records())
                self._version = version
            return self._index

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
        """Search the records; see `SearchIndex.search`."""
        return self.index().search(
            query,
            municipality=municipality,
            include_national=include_national,
            category=category,
            prefer=prefer,
            limit=limit,
        )

    def municipalities(self) -> frozenset[str]:
        """Municipalities (slugs) the knowledge really covers, besides `national`.

        A municipality counts when it holds at least `COVERED_MIN_SHARE` of all records; KL's
        single examples from other municipalities (Esbjerg, Viborg, ...) do not make them covered.
        """
        records = self.index().records
        counts = Counter(r.municipality for r in records)
        return frozenset(
            slug
            for slug, n in counts.items()
            if n >= COVERED_MIN_SHARE * len(records) and slug != "national"
        )

    def get(self, record_id: str) -> Record | None:
        """One record by id."""
        return self.store.get(record_id)

    def records(self) -> list[Record]:
        """All records, ordered by id."""
        return list(self.index().records)
