"""Reflection prompts, a bank per guide topic.

Placeholders: ``{ex}`` ("Aisha" when the person named her, else "your
girlfriend", or "your ex" when the bot doesn't know) and ``{since}`` ("in the 3 weeks since the breakup", or "since the
breakup").
"""

from __future__ import annotations

from typing import Dict, Tuple

GENERAL = "general"

PROMPTS: Dict[str, Tuple[str, ...]] = {
    GENERAL: (
        "What has been the hardest moment {since}, and what got you through it?",
        "What do you need most right now: rest, company, distraction, or something else?",
        "Name one small thing you did for yourself this week. How did it feel?",
        "If a close friend were in your place, what would you tell them?",
    ),
    "want_ex_back": (
        "What exactly do you miss about {ex}: the person, the routine, or not being alone?",
        "If you got back together tomorrow, what would need to be different this time?",
        "How would you know it's time to stop hoping and start moving on?",
        "What would your life look like in a year if you don't get back together?",
    ),
    "express_feelings": (
        "Which feeling is loudest today: sadness, longing, loneliness, or something else?",
        "When does missing {ex} hit hardest, and what could you plan for those moments?",
        "What is one thing that gave you even a little comfort {since}?",
        "Who could you reach out to this week, just to not feel alone?",
    ),
    "ask_mind_games": (
        "When you feel the urge to make {ex} jealous, what are you really hoping will happen?",
        "How would you feel if {ex} played that game with you?",
        "What would being completely honest with {ex} look like instead?",
    ),
    "express_anger": (
        "What is underneath the anger: hurt, betrayal, fear, or something else?",
        "What would you say to {ex} if you knew they'd never read it? Write it here, just for you.",
        "What could you do with this energy today that you'd be proud of tomorrow?",
    ),
    "ask_kindness": (
        "Looking back at how you've behaved {since}, what are you proud of, and what would you change?",
        "Would {ex} want to return to the person you've been lately? Why or why not?",
        "What does being kind to {ex} look like without being a doormat?",
    ),
    "ask_self_improvement": (
        "What is one thing you've wanted to learn or try for a long time?",
        "Which habit would make the biggest difference to how you feel day to day?",
        "Who do you want to be a year from now, whatever happens with {ex}?",
        "What did you set aside during the relationship that you'd like back?",
    ),
    "ask_therapy": (
        "What would you want to talk about first if you saw a counsellor?",
        "What has stopped you from getting support so far?",
        "Which feelings {since} have been too heavy to carry on your own?",
    ),
    # For someone who already sees a counsellor: "What would you want to talk
    # about first if you saw a counsellor?" was asked of a woman who had
    # named hers three times.
    "ask_therapy_with_counsellor": (
        "What would you like to bring to your next session with your counsellor?",
        "What has helped most from your sessions so far, and what hasn't landed yet?",
        "Which feelings {since} have been too heavy to carry on your own?",
    ),
    "ask_communication": (
        "What do you actually want {ex} to understand, in one sentence?",
        "How could you say how you feel without blaming {ex}?",
        "What answer from {ex} are you prepared for, including silence?",
    ),
    "ask_space": (
        "What has space {since} shown you that you couldn't see before?",
        "When you want to contact {ex}, what are you hoping to feel afterwards?",
        "How could you fill the time you used to spend with {ex}?",
    ),
    "assess_relationship": (
        "Looking at it as calmly as you can, what were the two or three real problems?",
        "What was your part in what went wrong, and what was theirs?",
        "Which of those problems do you honestly think can be fixed?",
    ),
    "ask_compatibility": (
        "What do you want your life to look like in five years? Does {ex} fit into that picture?",
        "Which of your values did you and {ex} share, and which did you not?",
        "Is there something you would have to give up to be with {ex}? Would that be okay?",
    ),
    "ask_book": (
        "What do you hope a book or guide could give you right now?",
        "What advice have you already read that rang true, and what didn't?",
    ),
    "consider_moving_on": (
        "What would moving on make room for in your life?",
        "What would you need to let go of, and what can you keep from this relationship?",
        "What is one step towards moving on that you could take this week?",
    ),
}

TOPIC_NAMES: Dict[str, str] = {
    GENERAL: "general",
    "want_ex_back": "wanting them back",
    "express_feelings": "feelings",
    "ask_mind_games": "mind games",
    "express_anger": "anger",
    "ask_kindness": "kindness",
    "ask_self_improvement": "self-improvement",
    "ask_therapy": "professional help",
    "ask_communication": "communication",
    "ask_space": "space",
    "assess_relationship": "what went wrong",
    "ask_compatibility": "compatibility",
    "ask_book": "resources",
    "consider_moving_on": "moving on",
}
