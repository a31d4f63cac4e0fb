"""Answer a topic question from the knowledge base."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.rendering import render_answer
from actions.shared import get_knowledge
from knowledge.schema import Category
from knowledge.text import fold

INTENT_CATEGORY: dict[str, Category] = {
    "ask_care_home": Category.CARE_HOME,
    "ask_rehabilitation": Category.REHABILITATION,
    "ask_nursing_clinic": Category.NURSING_CLINIC,
}

NOTHING_FOUND = (
    "Det kan jeg desværre ikke finde noget om. Kontakt din kommune, så kan de hjælpe dig videre."
)


def municipality_slug(name: str | None) -> str | None:
    """`København` -> `koebenhavn`, the form the knowledge base uses."""
    return fold(name).replace(" ", "-") if name else None


class ActionAnswerQuestion(Action):
    """Find the best record for the user's question and answer with it."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_answer_question"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[EventType]:
        """Search the knowledge base with the latest message and reply with the best record."""
        message = tracker.latest_message or {}
        text = str(message.get("text") or "")
        intent = str((message.get("intent") or {}).get("name") or "")
        category = INTENT_CATEGORY.get(intent)
        municipality = municipality_slug(tracker.get_slot("municipality"))
        knowledge = get_knowledge()

        hits = await asyncio.to_thread(
            knowledge.search,
            text,
            municipality=municipality,
            include_national=True,
            category=category,
            limit=1,
        )
        if not hits and category is not None:
            hits = await asyncio.to_thread(
                knowledge.search, text, municipality=municipality, include_national=True, limit=1
            )
        if not hits:
            dispatcher.utter_message(text=NOTHING_FOUND)
            return []
        record = hits[0].record
        dispatcher.utter_message(text=render_answer(record))
        return [SlotSet("topic", record.category.value)]
