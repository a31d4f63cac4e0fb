"""What every action module shares: the process-wide knowledge base."""

from __future__ import annotations

from functools import lru_cache

from assistant.settings import get_settings
from knowledge.service import Knowledge


@lru_cache(maxsize=1)
def get_knowledge() -> Knowledge:
    """The knowledge base named by the settings (opened once per process)."""
    return Knowledge.from_url(get_settings().database_url)
