"""Fixtures shared by the whole suite."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

pytest_plugins = ["tests.system"]

# Tests never touch the developer's knowledge base or need real secrets.
os.environ.setdefault("ENVIRONMENT", "test")

FIXTURES = Path(__file__).parent / "fixtures"
POSTGRES_ADMIN = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL schema on the local server, dropped afterwards."""
    schema = f"kb_test_{uuid.uuid4().hex[:8]}"
    try:
        connection = psycopg.connect(POSTGRES_ADMIN, autocommit=True)
    except psycopg.OperationalError as error:  # pragma: no cover - a broken machine
        pytest.fail(f"PostgreSQL is needed at {POSTGRES_ADMIN}: {error}")
    with connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
        yield f"{POSTGRES_ADMIN}?options=-csearch_path%3D{schema}"
        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each knowledge test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kb.db'}"
        return
    url: str = request.getfixturevalue("postgres_url")
    yield url
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS knowledge_records, knowledge_loads"))
    engine.dispose()
