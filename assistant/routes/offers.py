"""Read API of the knowledge base: `GET /api/offers` and `GET /api/offers/{id}`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from assistant.deps import KnowledgeDep
from knowledge.schema import Access, Category, Disease, Kind, Record, Status
from knowledge.sources import citation

router = APIRouter(prefix="/api/offers", tags=["knowledge"])


class SourceOut(BaseModel):
    """Where a fact comes from."""

    seed: str | None
    lines: str | None
    name: str | None
    url: str | None


class OfferOut(BaseModel):
    """One record of the knowledge base, as published."""

    id: str
    kind: Kind
    municipality: str
    category: Category
    title: str
    summary: str
    target_group: str | None
    access: list[Access]
    access_text: str | None
    waiting: str | None
    relatives: str | None
    diseases: list[Disease]
    status: Status
    as_of: dt.date
    verified: bool
    phone: str | None
    sources: list[SourceOut]
    citation: str

    @classmethod
    def of(cls, record: Record) -> OfferOut:
        """Publish a record."""
        data = record.model_dump(exclude={"keywords", "region"})
        return cls(**data, citation=citation(record))


class OfferPage(BaseModel):
    """One page of offers."""

    total: int
    page: int
    page_size: int
    items: list[OfferOut]


@router.get("", summary="List or search offers")
def list_offers(
    knowledge: KnowledgeDep,
    q: Annotated[str | None, Query(max_length=200, description="Danish search text")] = None,
    municipality: Annotated[
        str | None, Query(pattern=r"^[a-z0-9-]{2,40}$", description="e.g. gentofte, national")
    ] = None,
    category: Category | None = None,
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> OfferPage:
    """Offers in relevance order when `q` is given, else by id; filtered and paginated."""
    if q and q.strip():
        hits = knowledge.search(q, municipality=municipality, category=category, limit=500)
        records = [hit.record for hit in hits]
    else:
        records = [
            record
            for record in knowledge.records()
            if (municipality is None or record.municipality == municipality)
            and (category is None or record.category == category)
        ]
    start = (page - 1) * page_size
    return OfferPage(
        total=len(records),
        page=page,
        page_size=page_size,
        items=[OfferOut.of(record) for record in records[start : start + page_size]],
    )


@router.get("/{offer_id}", summary="One offer", responses={404: {"description": "No such offer"}})
def get_offer(offer_id: str, knowledge: KnowledgeDep) -> OfferOut:
    """One offer by its stable id."""
    record = knowledge.get(offer_id) if len(offer_id) <= 80 else None
    if record is None:
        raise HTTPException(status_code=404, detail="No offer with that id")
    return OfferOut.of(record)
