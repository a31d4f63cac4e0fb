"""Fixtures shared by the whole suite."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from xdist.scheduler import LoadFileScheduling

pytest_plugins = ["tests.system"]

# Tests never touch the developer's knowledge base or need real secrets.
os.environ.setdefault("ENVIRONMENT", "test")

FIXTURES = Path(__file__).parent / "fixtures"
POSTGRES_ADMIN = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
# Test files whose tests listen on fixed ports (the running system and the browser's pages).
FIXED_PORT_FILES = ("tests/browser/", "tests/conversation/", "tests/nlu/test_out_of_domain.py")


class FileAndPortScheduling(LoadFileScheduling):
    """pytest-xdist scheduling for `make test`: whole files, and all fixed-port files together.

    The suite mostly waits, on one core, for Rasa's tools, so two workers share a 2-core
    machine. A file stays whole on its worker, so its module-scoped fixtures (a trained model,
    a `rasa test nlu` report) are built once. The files on the running system's fixed ports form
    one unit, so one worker starts the system, once. (pytest-xdist's own `xdist_group` marks
    have no effect under pytest 9, which no longer reads the node id xdist rewrites.)
    """

    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        return "fixed ports" if path.startswith(FIXED_PORT_FILES) else path


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> FileAndPortScheduling | None:
    """`--dist loadfile` (as `make test` runs) gets the fixed-port grouping too."""
    if config.getvalue("dist") != "loadfile":
        return None
    return FileAndPortScheduling(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test on the running system outside FIXED_PORT_FILES would start a second system.

    Raises:
        pytest.UsageError: such a test was collected.
    """
    misplaced = [
        item.nodeid
        for item in items
        if "system" in getattr(item, "fixturenames", ())
        and not item.nodeid.startswith(FIXED_PORT_FILES)
    ]
    if misplaced:
        raise pytest.UsageError(
            f"tests on the running system must be in FIXED_PORT_FILES (tests/conftest.py): "
            f"{misplaced}"
        )


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
