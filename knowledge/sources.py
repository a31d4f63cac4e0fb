"""Plain names of the seed documents, so an answer can say where a fact comes from."""

from __future__ import annotations

from knowledge.schema import Record

SEED_TITLES: dict[str, str] = {
    "000": "Gentofte Kommune: Sundhed i Gentofte – borgerrettet behandling",
    "001": "Gentofte Kommune: Ældre-, Social- og Sundhedsudvalget, dagsorden med bilag",
    "002": "Københavns Kommune: Strategi for det nye borgernære sundhedsvæsen",
    "003": "KL: Det nære sundhedsvæsen",
    "004": "Gentofte Kommune: opgaveudvalget Sundhed i Gentofte, referat",
}


def citation(record: Record) -> str:
    """A short Danish citation with year, e.g. `KL: Det nære sundhedsvæsen (2012)`."""
    names: list[str] = []
    for source in record.sources:
        name = SEED_TITLES.get(source.seed[:3], source.seed) if source.seed else str(source.name)
        if name not in names:
            names.append(name)
    return f"{'; '.join(names)} ({record.as_of.year})"
