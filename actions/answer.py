"""Answer a question about a service from the knowledge base.

One action serves every topic: the intent says what the question is about (a preference, not a
filter, so a misclassified question still finds its answer), the slots say for which
municipality and for whom, and the topic slot carries the subject into follow-ups such as
"og hvad med ventetiden?".
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import current_municipality, latest_intent, typed_text
from actions.rendering import render_answer
from actions.shared import get_knowledge
from assistant.privacy import CPR_NOTICE, redact_cpr
from assistant.safety import danger_reply, detect_danger
from knowledge.municipalities import Municipality, registry
from knowledge.schema import Category, Kind
from knowledge.search import Hit
from knowledge.service import Knowledge

TOPIC_INTENTS: dict[str, Category] = {
    "ask_rehabilitation": Category.REHABILITATION,
    "ask_nursing_clinic": Category.NURSING_CLINIC,
    "ask_chronic_disease": Category.CHRONIC_DISEASE,
    "ask_care_home": Category.CARE_HOME,
    "ask_home_care": Category.HOME_CARE,
    "ask_acute_team": Category.ACUTE,
    "ask_prevention": Category.PREVENTION,
    "ask_substance_abuse": Category.SUBSTANCE_ABUSE,
    "ask_health_house": Category.HEALTH_HOUSE,
    "ask_dementia": Category.DEMENTIA,
    "ask_relatives": Category.RELATIVES,
}
ASPECT_INTENTS: dict[str, Category] = {
    "ask_waiting_time": Category.WAITING_LIST,
    "ask_contact": Category.PRACTICAL,
    "ask_complaint": Category.PRACTICAL,
    "ask_cost": Category.PRACTICAL,
}
# The intent a "Læs også" button sends for a record of each category.
CATEGORY_INTENT: dict[Category, str] = {
    **{category: intent for intent, category in TOPIC_INTENTS.items()},
    Category.WAITING_LIST: "ask_waiting_time",
    Category.PRACTICAL: "ask_contact",
}
# Words that stand for a topic when a follow-up does not repeat it ("og ventetiden?").
TOPIC_WORDS: dict[Category, str] = {
    Category.REHABILITATION: "genoptræning",
    Category.NURSING_CLINIC: "sygeplejeklinik",
    Category.CHRONIC_DISEASE: "kronisk sygdom",
    Category.CARE_HOME: "plejebolig",
    Category.HOME_CARE: "hjemmepleje",
    Category.ACUTE: "akutteam",
    Category.PREVENTION: "forebyggelse",
    Category.SUBSTANCE_ABUSE: "alkohol stoffer behandling",
    Category.HEALTH_HOUSE: "sundhedshus",
    Category.DEMENTIA: "demens",
    Category.RELATIVES: "pårørende",
    Category.WAITING_LIST: "venteliste",
}
FOLLOW_UP_MAX_WORDS = 6
RELATED_SCORE_SHARE = 0.6

NOTHING_FOUND = (
    "Det kan jeg desværre ikke finde noget om. Kontakt din kommune, så kan de hjælpe dig videre."
)
ASK_MUNICIPALITY = "Svaret afhænger af kommunen. Hvilken kommune bor {who} i?"
ONLY_SOME_MUNICIPALITIES = (
    "Jeg har kun oplysninger fra {covered}. Spørg {name} Kommune, hvad de tilbyder. "
    "Her er det, der gælder generelt:"
)
WHAT_ABOUT = "Tak. Hvad vil du gerne vide om {name} Kommune?"


def _names(slugs: frozenset[str]) -> str:
    names = sorted(m.name for slug in slugs if (m := registry().find(slug)) is not None)
    return " og ".join(names) if names else "nogle få kommuner"


def _municipality_buttons(slugs: frozenset[str]) -> list[dict[str, str]]:
    buttons = []
    for slug in sorted(slugs):
        municipality = registry().find(slug)
        if municipality is not None:
            entity = json.dumps({"municipality": municipality.name}, ensure_ascii=False)
            buttons.append({"title": municipality.name, "payload": f"/inform_municipality{entity}"})
    return buttons


def _related_buttons(hits: list[Hit]) -> list[dict[str, str]]:
    """'Læs også' buttons: the record's own topic intent with its id as an entity."""
    top = hits[0].score
    return [
        {
            "title": hit.record.title,
            "payload": f"/{CATEGORY_INTENT[hit.record.category]}"
            + json.dumps({"record_id": hit.record.id}),
        }
        for hit in hits[1:3]
        if hit.score >= top * RELATED_SCORE_SHARE and hit.record.category in CATEGORY_INTENT
    ]


def _asked_record(tracker: Tracker) -> str | None:
    """The record id a 'Læs også' button sent with this message, if any."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "record_id" and entity.get("value"):
            return str(entity["value"])
    return None


class ActionAnswerQuestion(Action):
    """Find the best record for the user's question and answer with it."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Answer, ask for the municipality first, or say where to ask instead."""
        knowledge = get_knowledge()
        intent = latest_intent(tracker)
        text = typed_text(tracker)
        municipality = current_municipality(tracker)
        if redact_cpr(text)[1]:
            # Reached only from `rasa shell`; the web gateway removes CPR numbers earlier.
            dispatcher.utter_message(text=CPR_NOTICE)
        danger = detect_danger(text)
        if danger is not None:
            region = municipality.region if municipality else None
            dispatcher.utter_message(text=danger_reply(knowledge, danger, region))

        record_id = _asked_record(tracker)
        if record_id is not None:
            return await self._answer_record(dispatcher, tracker, knowledge, record_id)

        question, question_intent = text, intent
        if intent == "inform_municipality":
            pending = tracker.get_slot("pending_question")
            topic = tracker.get_slot("topic")
            if pending:
                question = str(pending)
                question_intent = str(tracker.get_slot("pending_intent") or "")
            elif topic in TOPIC_WORDS:
                question = TOPIC_WORDS[Category(topic)]
                question_intent = ""
            else:
                name = municipality.name if municipality else "din"
                dispatcher.utter_message(text=WHAT_ABOUT.format(name=name))
                return []

        prefer = self._preferred(question_intent, tracker)
        query = self._query(question, question_intent, tracker)
        return await self._answer(
            dispatcher,
            tracker,
            knowledge,
            query,
            question,
            question_intent,
            prefer,
            municipality,
            danger_said=danger is not None,
        )

    @staticmethod
    def _preferred(intent: str, tracker: Tracker) -> set[Category]:
        prefer = {c for c in (TOPIC_INTENTS.get(intent), ASPECT_INTENTS.get(intent)) if c}
        topic = tracker.get_slot("topic")
        if intent in ASPECT_INTENTS and topic in TOPIC_WORDS:
            prefer.add(Category(topic))
        return prefer

    @staticmethod
    def _query(text: str, intent: str, tracker: Tracker) -> str:
        topic = tracker.get_slot("topic")
        short = len(text.split()) <= FOLLOW_UP_MAX_WORDS
        if intent in ASPECT_INTENTS and short and topic in TOPIC_WORDS:
            return f"{text} {TOPIC_WORDS[Category(topic)]}"
        return text

    async def _answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        knowledge: Knowledge,
        query: str,
        question: str,
        intent: str,
        prefer: set[Category],
        municipality: Municipality | None,
        *,
        danger_said: bool,
    ) -> list[EventType]:
        covered = await asyncio.to_thread(knowledge.municipalities)
        if municipality is None:
            # "sygeplejeklinikken på Mitchellsstræde" names Gentofte without saying so.
            implied = await asyncio.to_thread(knowledge.index().implied_municipality, query)
            municipality = registry().find(implied)
        scope: str | None = None
        if municipality is not None:
            scope = municipality.slug if municipality.slug in covered else "national"
        hits = await asyncio.to_thread(
            knowledge.search,
            query,
            municipality=scope,
            include_national=scope is not None,
            prefer=prefer,
            limit=3,
        )
        if danger_said:
            # The 112 advice is already said above; the answer is for the question asked.
            hits = [hit for hit in hits if hit.record.kind is not Kind.EMERGENCY]
        if not hits:
            dispatcher.utter_message(text=NOTHING_FOUND)
            return [SlotSet("pending_question", None)]

        top = hits[0].record
        needs_municipality = (
            municipality is None
            and top.municipality != "national"
            and not tracker.get_slot("asked_municipality")
        )
        if needs_municipality:
            who = "din pårørende" if tracker.get_slot("relation") else "du"
            dispatcher.utter_message(
                text=ASK_MUNICIPALITY.format(who=who), buttons=_municipality_buttons(covered)
            )
            return [
                SlotSet("pending_question", question),
                SlotSet("pending_intent", intent),
                SlotSet("asked_municipality", True),
            ]

        if municipality is not None and scope == "national":
            dispatcher.utter_message(
                text=ONLY_SOME_MUNICIPALITIES.format(
                    covered=_names(covered), name=municipality.name
                )
            )
        answer = render_answer(top, for_relative=bool(tracker.get_slot("relation")))
        dispatcher.utter_message(text=answer, buttons=_related_buttons(hits))
        events: list[EventType] = [SlotSet("pending_question", None)]
        if municipality is not None and not tracker.get_slot("municipality"):
            events.append(SlotSet("municipality", municipality.name))
        if top.category in TOPIC_WORDS:
            events.append(SlotSet("topic", top.category.value))
        return events

    async def _answer_record(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        knowledge: Knowledge,
        record_id: str,
    ) -> list[EventType]:
        record = await asyncio.to_thread(knowledge.get, record_id)
        if record is None:
            dispatcher.utter_message(text=NOTHING_FOUND)
            return []
        relative = bool(tracker.get_slot("relation"))
        dispatcher.utter_message(text=render_answer(record, for_relative=relative))
        if record.category in TOPIC_WORDS:
            return [SlotSet("topic", record.category.value)]
        return []
