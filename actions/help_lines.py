"""Help lines by country and by way of reaching them, for the questions that
follow a safety reply: "is there a text one?", "I'm in Glasgow", "is there
anyone I could talk to that's not my mum?". Chosen by what the person told
before (a child at risk, abuse, or their own safety); the crisis lines are
always there too. Asked for by heartwise/policies/safety_follow_up.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher


@dataclass(frozen=True)
class Lines:
    crisis: str
    crisis_text: str
    abuse: str
    child: str


# Checked against each service's own site; every one is free and confidential.
COUNTRIES: Dict[str, Lines] = {
    "the US": Lines(
        crisis="call or text 988 (Suicide & Crisis Lifeline), any time",
        crisis_text="text HOME to 741741 (Crisis Text Line), or text 988",
        abuse="the National Domestic Violence Hotline: call 1-800-799-7233 or text START to 88788",
        child="Childhelp: call or text 1-800-422-4453",
    ),
    "the UK": Lines(
        crisis="call Samaritans on 116 123, any time",
        crisis_text="text SHOUT to 85258 (Shout), any time",
        abuse="the National Domestic Abuse Helpline on 0808 2000 247, any time",
        child="Childline: call 0800 1111 or chat at childline.org.uk",
    ),
    "Scotland": Lines(
        crisis="call Samaritans on 116 123 or Breathing Space on 0800 83 85 87",
        crisis_text="text SHOUT to 85258 (Shout), any time",
        abuse="Scotland's Domestic Abuse and Forced Marriage Helpline on 0800 027 1234",
        child="Childline: call 0800 1111 or chat at childline.org.uk",
    ),
    "Ireland": Lines(
        crisis="call Samaritans on 116 123, any time",
        crisis_text="text HELLO to 50808, any time",
        abuse="Women's Aid on 1800 341 900, any time",
        child="Childline (ISPCC): call 1800 66 66 66 or text 50101",
    ),
    "Australia": Lines(
        crisis="call Lifeline on 13 11 14, any time",
        crisis_text="text Lifeline on 0477 13 11 14",
        abuse="1800RESPECT on 1800 737 732",
        child="Kids Helpline on 1800 55 1800",
    ),
    "Canada": Lines(
        crisis="call or text 988, any time",
        crisis_text="text 988, or text CONNECT to 686868",
        abuse="a shelter or crisis line near you, listed at sheltersafe.ca",
        child="Kids Help Phone: call 1-800-668-6868 or text CONNECT to 686868",
    ),
    "New Zealand": Lines(
        crisis="call or text 1737, any time",
        crisis_text="text 1737",
        abuse="Women's Refuge on 0800 733 843",
        child="Youthline: call 0800 376 633 or text 234",
    ),
}
ANYWHERE = "If you're somewhere else, findahelpline.com lists free lines in most countries."
PLACES: List[Tuple[str, str]] = [
    (r"scotland|glasgow|edinburgh|aberdeen|dundee|inverness", "Scotland"),
    (
        r"uk|u\.k\.|england|britain|wales|cardiff|london|manchester|birmingham|leeds|liverpool"
        r"|bristol|sheffield|newcastle|belfast|northern ireland|nottingham|leicester",
        "the UK",
    ),
    (r"ireland|dublin|cork|galway|limerick", "Ireland"),
    (r"australia|sydney|melbourne|brisbane|perth|adelaide|aus", "Australia"),
    (r"canada|toronto|vancouver|montreal|calgary|ottawa", "Canada"),
    (r"new zealand|nz|auckland|wellington|christchurch", "New Zealand"),
    (r"u\.s\.|usa|america|the states|new york|california|texas|florida|chicago", "the US"),
]
TEXT_ONLY = re.compile(r"\b(text|texting|txt|sms|whatsapp|chat|online|message|type)\b", re.I)


def country_in(text: str) -> Optional[str]:
    for pattern, country in PLACES:
        if re.search(rf"\b(?:{pattern})\b", text, re.I):
            return country
    return None


def lines_for(country: Optional[str], text: str, tracker_slots: Dict[str, Any]) -> str:
    """The reply: the lines for what they told, where they are, as they asked."""
    places = [country] if country else ["the US", "the UK"]
    wants_text = bool(TEXT_ONLY.search(text))
    parts = []
    for place in places:
        lines = COUNTRIES[place]
        first = (
            lines.child
            if tracker_slots.get("minor_disclosed") and tracker_slots.get("abuse_disclosed")
            else lines.abuse
            if tracker_slots.get("abuse_disclosed")
            else lines.crisis_text
            if wants_text
            else lines.crisis
        )
        also = lines.crisis_text if wants_text else lines.crisis
        if also is first:
            also = lines.crisis if wants_text else lines.crisis_text
        parts.append(f"In {place}: {first}. If things ever feel unbearable: {also}.")
    opening = (
        "Yes, there are ones you can text, no phone call needed."
        if wants_text
        else f"Thanks for saying. Here's where to turn in {country}, free and confidential."
        if country and country_in(text)
        else "Yes, there are people whose whole job is this, and it's free."
    )
    closing = "" if country else " " + ANYWHERE
    return " ".join([opening, *parts]) + closing


class ActionFindHelpLine(Action):
    def name(self) -> str:
        return "action_find_help_line"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        country = country_in(text) or tracker.get_slot("country")
        dispatcher.utter_message(text=lines_for(country, text, tracker.current_slot_values()))
        return [SlotSet("country", country)] if country else []
