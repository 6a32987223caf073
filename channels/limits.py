"""What every channel bounds before a message reaches Rasa: its length, and
how many messages one conversation or one address may send in a while.

A person can paste a long story; the first ``MAX_MESSAGE_CHARS`` characters
are read and they are told so. Someone flooding the server gets a polite
answer, which still names the crisis lines, instead of the server's time.
The rate limits come from the environment so an operator can change them
without touching code: HEARTWISE_RATE_PER_SENDER (30 messages a minute) and
HEARTWISE_RATE_PER_ADDRESS (120 a minute). The length is fixed: config.yml's
first pipeline step and the widget read the same 2,000 characters
(tests/unit/test_channel_limits.py keeps the three in step).
"""

from __future__ import annotations

import ipaddress
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional, Tuple

MAX_MESSAGE_CHARS = 2000

SLOW_DOWN = (
    "You're writing faster than I can read. I didn't take in that last message: "
    "please wait a few seconds and send it again. If you're in danger right now, "
    "call 988 (US), 116 123 (UK and Ireland) or your local emergency number."
)


def only_the_start(text: str, limit: int = MAX_MESSAGE_CHARS) -> Tuple[str, Optional[str]]:
    """The part of ``text`` Heartwise reads, and a note for the person if it was cut."""
    if len(text) <= limit:
        return text, None
    note = (
        f"That was a long message, so I read only the first {limit:,} characters "
        f"(up to “…{text[max(0, limit - 40) : limit].strip()}”). If something "
        "important came after that, please send it in a new message."
    )
    return text[:limit], note


@dataclass
class RateLimit:
    """A token bucket per key: ``burst`` messages at once, refilled evenly so
    that ``per_minute`` get through in a minute."""

    per_minute: float
    burst: int
    clock: Callable[[], float] = time.monotonic
    max_keys: int = 100_000
    _buckets: Dict[str, Tuple[float, float]] = field(default_factory=dict)

    @classmethod
    def from_env(cls, name: str, per_minute: float) -> RateLimit:
        rate = float(os.environ.get(name, per_minute))
        return cls(per_minute=rate, burst=max(1, int(rate // 3)))

    def allow(self, key: str) -> bool:
        now = self.clock()
        tokens, then = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.per_minute / 60)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        if key not in self._buckets and len(self._buckets) >= self.max_keys:
            self._forget_full_buckets(now)
        self._buckets[key] = (tokens - 1, now)
        return True

    def _forget_full_buckets(self, now: float) -> None:
        """A full bucket is the same as none: drop those to bound memory."""
        refill = self.burst * 60 / self.per_minute
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < refill}


@dataclass
class ChannelLimits:
    """The two limits a channel checks for each message."""

    per_sender: RateLimit = field(
        default_factory=lambda: RateLimit.from_env("HEARTWISE_RATE_PER_SENDER", 30)
    )
    per_address: RateLimit = field(
        default_factory=lambda: RateLimit.from_env("HEARTWISE_RATE_PER_ADDRESS", 120)
    )

    def allow(self, sender: str, address: Optional[str]) -> bool:
        # Both are counted, so a flood from one address cannot hide behind
        # many conversations, nor one conversation behind many addresses.
        sender_ok = self.per_sender.allow(sender)
        address_ok = address is None or self.per_address.allow(address)
        return sender_ok and address_ok


def client_address(peer: Optional[str], forwarded_for: Optional[str]) -> Optional[str]:
    """The address a message came from. A proxy on this machine (nginx, the
    widget's server) is trusted to name the client in X-Forwarded-For;
    anyone else's header is ignored, since a client can write anything there."""
    if not peer:
        return None
    try:
        local = ipaddress.ip_address(peer).is_loopback
    except ValueError:
        return peer
    if local and forwarded_for:
        return forwarded_for.split(",")[-1].strip() or peer
    return peer
