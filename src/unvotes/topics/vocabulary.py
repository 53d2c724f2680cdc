"""The closed vocabulary of vote topics and the names people may use for them.

>>> parse_topic("me")
<Topic.MIDDLE_EAST: 'middle_east'>
"""

from __future__ import annotations

import re
from enum import StrEnum

from unvotes.errors import UnvotesError

__all__ = ["VOETEN_CODES", "VOETEN_TOPICS", "Topic", "parse_topic"]


class Topic(StrEnum):
    """A vote topic: Voeten's six issues (short codes in :attr:`code`) and ``ukraine``."""

    MIDDLE_EAST = "middle_east"  # me: the Palestinian conflict and the Arab–Israeli wars
    NUCLEAR = "nuclear"  # nu: nuclear weapons and nuclear material
    DISARMAMENT = "disarmament"  # di: arms control and disarmament
    HUMAN_RIGHTS = "human_rights"  # hr
    COLONIALISM = "colonialism"  # co: colonialism, self-determination, trust territories
    DEVELOPMENT = "development"  # ec: economic development
    UKRAINE = "ukraine"  # the Russia–Ukraine votes since 2014 (not one of Voeten's)

    @property
    def code(self) -> str:
        """Voeten's two-letter code (``"me"`` ...); ``"ukraine"`` has none of its own."""
        return _CODES[self]

    @property
    def label(self) -> str:
        """The name for people: ``"Middle East"``, ``"Human rights"`` ..."""
        return _LABELS[self]


_CODES: dict[Topic, str] = {
    Topic.MIDDLE_EAST: "me", Topic.NUCLEAR: "nu", Topic.DISARMAMENT: "di",
    Topic.HUMAN_RIGHTS: "hr", Topic.COLONIALISM: "co", Topic.DEVELOPMENT: "ec",
    Topic.UKRAINE: "ukraine",
}
_LABELS: dict[Topic, str] = {
    Topic.MIDDLE_EAST: "Middle East", Topic.NUCLEAR: "Nuclear weapons",
    Topic.DISARMAMENT: "Disarmament", Topic.HUMAN_RIGHTS: "Human rights",
    Topic.COLONIALISM: "Colonialism", Topic.DEVELOPMENT: "Economic development",
    Topic.UKRAINE: "Ukraine",
}
# Voeten's codes as they appear in the record's ``issue_codes`` column.
VOETEN_CODES: dict[str, Topic] = {
    code: topic for topic, code in _CODES.items() if topic is not Topic.UKRAINE}
# The topics Voeten codes (all but ukraine), in his order.
VOETEN_TOPICS: tuple[Topic, ...] = tuple(VOETEN_CODES.values())

def _alias_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.casefold())


_ALIASES: dict[str, Topic] = {}
for _topic in Topic:
    for _alias in (_topic.value, _topic.code, _topic.label, _topic.name):
        _ALIASES[_alias_key(_alias)] = _topic
for _alias, _topic in (("palestine", Topic.MIDDLE_EAST), ("nuclear weapons", Topic.NUCLEAR),
                       ("arms control", Topic.DISARMAMENT), ("economic", Topic.DEVELOPMENT),
                       ("economic development", Topic.DEVELOPMENT), ("ua", Topic.UKRAINE),
                       ("decolonization", Topic.COLONIALISM)):
    _ALIASES[_alias_key(_alias)] = _topic


def parse_topic(text: str) -> Topic:
    """The topic a name or code means: ``"me"``, ``"Middle East"``, ``"ukraine"`` ...

    Case, spaces, hyphens and underscores do not matter. Raises UnvotesError listing the
    choices on unknown input. Example: ``parse_topic("nu") is Topic.NUCLEAR``.
    """
    topic = _ALIASES.get(_alias_key(text)) if isinstance(text, str) else None
    if topic is None:
        choices = ", ".join(f"{t.value} ({t.code})" if t.code != t.value else t.value
                            for t in Topic)
        raise UnvotesError(f"unknown topic {text!r}; use one of: {choices}")
    return topic

