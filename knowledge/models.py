"""SQLAlchemy 2 tables of the knowledge base (the same on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of the knowledge tables."""


class RecordRow(Base):
    """One curated record, as loaded from YAML."""

    __tablename__ = "knowledge_records"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    municipality: Mapped[str] = mapped_column(String(80), index=True)
    region: Mapped[str | None] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(Text)
    target_group: Mapped[str | None] = mapped_column(Text)
    access: Mapped[list[str]] = mapped_column(JSON)
    access_text: Mapped[str | None] = mapped_column(Text)
    waiting: Mapped[str | None] = mapped_column(Text)
    relatives: Mapped[str | None] = mapped_column(Text)
    diseases: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    as_of: Mapped[dt.date] = mapped_column(Date)
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    verified: Mapped[bool] = mapped_column(Boolean)
    phone: Mapped[str | None] = mapped_column(String(16))
    keywords: Mapped[list[str]] = mapped_column(JSON)


class LoadRow(Base):
    """One successful load; the newest row is the version the search index follows."""

    __tablename__ = "knowledge_loads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    record_count: Mapped[int] = mapped_column(Integer)
    checksum: Mapped[str] = mapped_column(String(64))
