"""The curated knowledge format: what a municipal editor writes in `knowledge/data/*.yaml`.

Every record is validated here before it reaches the database, so a mistake is reported with
its file, record id and field instead of surfacing as a wrong answer in a conversation.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

SEED_FILE_PATTERN = r"^\d{3}_[0-9a-f]{16}\.txt$"
LINES_PATTERN = r"^\d+(-\d+)?(, *\d+(-\d+)?)*$"

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1200)]


class Kind(StrEnum):
    """What a record is."""

    OFFER = "offer"
    """A service a citizen can use (a clinic, a programme, home care)."""
    FACT = "fact"
    """A rule, a guarantee or a figure (the 2-month care-home guarantee, 18 days median wait)."""
    REFERRAL = "referral"
    """Something the documents cannot answer, and where to ask instead."""
    EMERGENCY = "emergency"
    """An emergency or out-of-hours number."""


class Category(StrEnum):
    """The topics citizens ask about; also the filter of the read API."""

    REHABILITATION = "rehabilitation"
    NURSING_CLINIC = "nursing_clinic"
    CHRONIC_DISEASE = "chronic_disease"
    WAITING_LIST = "waiting_list"
    CARE_HOME = "care_home"
    RELATIVES = "relatives"
    HOME_CARE = "home_care"
    ACUTE = "acute"
    PREVENTION = "prevention"
    SUBSTANCE_ABUSE = "substance_abuse"
    HEALTH_HOUSE = "health_house"
    DEMENTIA = "dementia"
    PRACTICAL = "practical"
    """Contact details, applications, complaints, costs."""
    EMERGENCY = "emergency"


class Status(StrEnum):
    """Whether an offer exists, as far as its source says."""

    ACTIVE = "active"
    PLANNED = "planned"
    CLOSED = "closed"


class Access(StrEnum):
    """How a citizen gets an offer."""

    VISITATION = "visitation"
    """The municipality assesses and grants it (visitation)."""
    REHAB_PLAN = "genoptraeningsplan"
    """A genoptræningsplan from the hospital."""
    REFERRAL = "henvisning"
    """A referral from a doctor or another service (e.g. home nursing)."""
    HOSPITAL = "hospital"
    """The hospital decides."""
    SELF_REFERRAL = "selvhenvendelse"
    """The citizen contacts the service directly."""
    ANONYMOUS = "anonym"
    """Can be used without giving one's name."""
    OPEN = "aaben"
    """Open to everyone, no application."""


class Disease(StrEnum):
    """Chronic diseases the knowledge can be filtered by."""

    COPD = "kol"
    DIABETES = "diabetes"
    HEART = "hjerte"
    CANCER = "kraeft"
    DEMENTIA = "demens"
    PAIN = "smerter"
    MENTAL = "psykisk"


class Region(StrEnum):
    """The five Danish regions (emergency and out-of-hours numbers differ by region)."""

    HOVEDSTADEN = "hovedstaden"
    SJAELLAND = "sjaelland"
    SYDDANMARK = "syddanmark"
    MIDTJYLLAND = "midtjylland"
    NORDJYLLAND = "nordjylland"


class Source(BaseModel):
    """Where a record's facts come from: a seed file with lines, or a named public source."""

    model_config = ConfigDict(extra="forbid")

    seed: Annotated[str, StringConstraints(pattern=SEED_FILE_PATTERN)] | None = None
    lines: Annotated[str, StringConstraints(pattern=LINES_PATTERN)] | None = None
    name: Text | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https://")] | None = None

    @model_validator(mode="after")
    def _seed_or_name(self) -> Source:
        if self.seed is None and self.name is None:
            raise ValueError("a source needs either 'seed' (with 'lines') or 'name'")
        if self.seed is not None and self.lines is None:
            raise ValueError("a seed source needs 'lines'")
        return self

    def label(self) -> str:
        """Short human-readable citation, e.g. `001:3292-3308` or the source name."""
        if self.seed is not None:
            return f"{self.seed[:3]}:{self.lines}"
        return str(self.name)


class Record(BaseModel):
    """One curated piece of knowledge."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False)

    id: Slug
    kind: Kind
    municipality: Slug = Field(description="'gentofte', 'koebenhavn', ... or 'national'")
    region: Region | None = None
    category: Category
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=120)]
    summary: Text
    target_group: Text | None = None
    access: list[Access] = Field(default_factory=list)
    access_text: Text | None = None
    waiting: Text | None = None
    relatives: Text | None = None
    diseases: list[Disease] = Field(default_factory=list)
    status: Status = Status.ACTIVE
    as_of: dt.date
    sources: list[Source] = Field(min_length=1)
    verified: bool
    phone: Annotated[str, StringConstraints(pattern=r"^\d[\d ]{1,10}\d$")] | None = None
    keywords: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=2)]] = Field(
        default_factory=list
    )

    @model_validator(mode="after")
    def _no_phone_without_public_source(self) -> Record:
        if self.phone is not None and not any(s.name for s in self.sources):
            raise ValueError("a phone number needs a named public source (the seeds hold none)")
        return self

    def source_label(self) -> str:
        """All citations of the record, comma separated."""
        return ", ".join(source.label() for source in self.sources)


class KnowledgeFile(BaseModel):
    """The top level of one YAML file: a list of records."""

    model_config = ConfigDict(extra="forbid")

    records: list[Record]
