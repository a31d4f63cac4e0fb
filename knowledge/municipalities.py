"""The 98 Danish municipalities, their regions, and the names citizens use for them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from knowledge.schema import Region
from knowledge.text import fold

MUNICIPALITIES_FILE = Path(__file__).with_name("municipalities.yaml")
# Municipality names that are also ordinary Danish words.
EVERYDAY_WORDS = frozenset({"vejen", "skive", "odder", "greve", "varde", "faxe", "lejre"})
_WORDS = re.compile(r"[A-Za-zÆØÅæøåéü.\-]+")


class Municipality(BaseModel):
    """One municipality."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    slug: str
    region: Region
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class MunicipalityRegistry:
    """Look municipalities up by name, alias or slug, whatever the spelling of æ/ø/å."""

    municipalities: tuple[Municipality, ...]

    def find(self, name: str | None) -> Municipality | None:
        """The municipality called `name` (e.g. `kbh`, `Københavns Kommune`), or None."""
        if not name:
            return None
        key, index = _key(name), self._index()
        # "Københavns Kommune": the genitive s before "kommune".
        return index.get(key) or index.get(key.removesuffix("s"))

    def find_in_text(self, text: str) -> Municipality | None:
        """The one municipality a message names ("vi bor i hvidovre"), or None.

        Names that are also everyday words (Vejen, Skive, Greve, ...) count only when written
        with a capital or followed by "kommune".
        """
        words = _WORDS.findall(text)
        found: dict[str, Municipality] = {}
        for index, word in enumerate(words):
            candidates = [word]
            if index + 1 < len(words):
                candidates.insert(0, f"{word} {words[index + 1]}")
            for candidate in candidates:
                municipality = self.find(candidate)
                if municipality is None:
                    continue
                followed_by_kommune = index + 1 < len(words) and words[
                    index + 1
                ].lower().startswith("kommune")
                if (
                    _key(word) in EVERYDAY_WORDS
                    and not word[0].isupper()
                    and not followed_by_kommune
                ):
                    continue
                found[municipality.slug] = municipality
                break
        return next(iter(found.values())) if len(found) == 1 else None

    def _index(self) -> dict[str, Municipality]:
        return _build_index(self.municipalities)


def _key(name: str) -> str:
    key = fold(name.strip()).replace(".", "").replace(" ", "")
    if key.endswith("kommune") and len(key) > len("kommune") + 2:
        key = key.removesuffix("kommune")
    return key


@lru_cache(maxsize=4)
def _build_index(municipalities: tuple[Municipality, ...]) -> dict[str, Municipality]:
    index: dict[str, Municipality] = {}
    for municipality in municipalities:
        for name in (municipality.name, municipality.slug, *municipality.aliases):
            index.setdefault(_key(name), municipality)
    return index


@lru_cache(maxsize=1)
def registry() -> MunicipalityRegistry:
    """The registry read from `municipalities.yaml`."""
    data = yaml.safe_load(MUNICIPALITIES_FILE.read_text(encoding="utf-8"))
    return MunicipalityRegistry(
        tuple(Municipality.model_validate(item) for item in data["municipalities"])
    )
