"""Conversation helpers: talk to a human, and the Danish two-stage fallback."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.rendering import render_answer
from actions.shared import get_knowledge

CONTACT_RECORD = "referral-kontakt"
NOT_UNDERSTOOD = (
    'Jeg forstår desværre ikke spørgsmålet. Prøv med få ord, fx "ventetid plejebolig", '
    "eller kontakt din kommune."
)
# How each intent is named when the assistant asks "Mente du ...?".
INTENT_LABELS: dict[str, str] = {
    "ask_rehabilitation": "genoptræning og rehabilitering",
    "ask_nursing_clinic": "sygeplejeklinikker",
    "ask_chronic_disease": "tilbud ved kronisk sygdom",
    "ask_care_home": "plejeboliger og ældreboliger",
    "ask_home_care": "hjemmepleje og hjemmesygepleje",
    "ask_acute_team": "akutteam og behandling i eget hjem",
    "ask_prevention": "forebyggelse og motion",
    "ask_substance_abuse": "hjælp mod alkohol og stoffer",
    "ask_health_house": "sundhedshuse",
    "ask_dementia": "demens",
    "ask_relatives": "hjælp til pårørende",
    "ask_waiting_time": "ventetid og ventelister",
    "ask_contact": "telefon og åbningstider",
    "ask_complaint": "at klage",
    "ask_cost": "priser og betaling",
    "ask_human": "at tale med et menneske",
    "ask_capabilities": "hvad jeg kan hjælpe med",
    "medical_advice": "råd om dit helbred",
    "greet": "at sige hej",
}


class ActionHuman(Action):
    """Say where a person can be reached; never promise a callback that does not exist."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_human"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Refer to the municipality's own channels, from the contact referral record."""
        dispatcher.utter_message(
            text="Jeg er en automatisk assistent og kan ikke stille dig videre til en medarbejder."
        )
        record = await asyncio.to_thread(get_knowledge().get, CONTACT_RECORD)
        if record is not None:
            dispatcher.utter_message(text=render_answer(record))
        return []


class ActionAskAffirmation(Action):
    """First stage of the fallback: ask in Danish whether we understood the topic."""

    def name(self) -> str:
        """Rasa's name for the affirmation step of the two-stage fallback."""
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Offer the most likely topics as buttons, and 'something else'."""
        ranking = tracker.latest_message.get("intent_ranking") or []
        candidates = [
            str(item.get("name")) for item in ranking if item.get("name") in INTENT_LABELS
        ][:2]
        if not candidates:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        buttons = [
            {"title": INTENT_LABELS[name].capitalize(), "payload": f"/{name}"}
            for name in candidates
        ]
        buttons.append({"title": "Noget andet", "payload": "/out_of_scope"})
        dispatcher.utter_message(
            text="Jeg er ikke sikker på, at jeg forstod dig. Handler dit spørgsmål om:",
            buttons=buttons,
        )
        return []


class ActionDefaultFallback(Action):
    """Last stage of the fallback: say so in Danish and forget the unclear message."""

    def name(self) -> str:
        """Rasa's name for the final fallback action."""
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Suggest short wording or the municipality; drop the message like Rasa's default."""
        dispatcher.utter_message(text=NOT_UNDERSTOOD)
        return [UserUtteranceReverted()]
