"""The one storage interface of the knowledge base; SQLite or PostgreSQL by URL."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence

from sqlalchemy import Engine, create_engine, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from knowledge.models import Base, LoadRow, RecordRow
from knowledge.schema import Record


def make_engine(database_url: str) -> Engine:
    """Create an engine; for SQLite, make sure the file's folder exists.

    Args:
        database_url: A SQLAlchemy URL (`sqlite:///path` or `postgresql+psycopg://...`).

    Returns:
        The engine.
    """
    if database_url.startswith("sqlite:///"):
        from pathlib import Path

        path = database_url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    elif database_url.startswith("postgresql://"):
        database_url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    return create_engine(database_url, pool_pre_ping=True)


def _checksum(records: Sequence[Record]) -> str:
    payload = json.dumps([r.model_dump(mode="json") for r in records], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def _row(record: Record) -> RecordRow:
    data = record.model_dump(mode="json")
    data["as_of"] = record.as_of
    return RecordRow(**data)


def to_record(row: RecordRow) -> Record:
    """Turn a stored row back into a validated record."""
    return Record.model_validate(
        {column.name: getattr(row, column.name) for column in RecordRow.__table__.columns}
    )


class KnowledgeStore:
    """Reads and replaces the curated records in one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def from_url(cls, database_url: str) -> KnowledgeStore:
        """Open (and create the tables of) the knowledge base at `database_url`."""
        store = cls(make_engine(database_url))
        store.create_schema()
        return store

    def create_schema(self) -> None:
        """Create the tables that do not exist yet."""
        Base.metadata.create_all(self.engine)

    def replace_all(self, records: Sequence[Record]) -> bool:
        """Replace the whole knowledge base with `records` in one transaction.

        Readers see either the old or the new data, never a mix; a failure leaves the old data.

        Args:
            records: Validated records.

        Returns:
            False when the data was already loaded unchanged (nothing written), else True.
        """
        checksum = _checksum(records)
        if self.checksum() == checksum:
            return False
        with self._sessions.begin() as session:
            session.execute(delete(RecordRow))
            session.add_all(_row(record) for record in records)
            session.add(
                LoadRow(
                    loaded_at=dt.datetime.now(dt.UTC),
                    record_count=len(records),
                    checksum=checksum,
                )
            )
        return True

    def _latest_load(self, session: Session) -> LoadRow | None:
        return session.scalars(select(LoadRow).order_by(LoadRow.id.desc()).limit(1)).first()

    def checksum(self) -> str | None:
        """Checksum of the data now loaded, or None before the first load."""
        with self._sessions() as session:
            latest = self._latest_load(session)
            return latest.checksum if latest else None

    def version(self) -> int:
        """A number that grows with every load (0 before the first); caches follow it."""
        with self._sessions() as session:
            return int(session.scalar(select(func.coalesce(func.max(LoadRow.id), 0))) or 0)

    def all_records(self) -> list[Record]:
        """Every record, ordered by id."""
        with self._sessions() as session:
            rows = session.scalars(select(RecordRow).order_by(RecordRow.id))
            return [to_record(row) for row in rows]

    def get(self, record_id: str) -> Record | None:
        """One record by id, or None."""
        with self._sessions() as session:
            row = session.get(RecordRow, record_id)
            return to_record(row) if row else None
