"""Topic tags for General Assembly votes: Voeten's six issue codes plus ``ukraine``.

Erik Voeten coded the roll calls 1946–2018 with six issues found by "searches in
descriptions" (his codebook): ``me`` Palestinian conflict, ``nu`` nuclear weapons and
material, ``di`` arms control and disarmament, ``hr`` human rights, ``co`` colonialism,
``ec`` economic development. Later votes carry no usable codes, so the package has a
keyword classifier that reads a vote's title, agenda item and UN thesaurus subjects and
returns the same topics, plus ``ukraine`` (the Russia–Ukraine votes since 2014).

- :mod:`~unvotes.topics.vocabulary`: the :class:`Topic` enum and :func:`parse_topic`;
- :mod:`~unvotes.topics.rules`: the ordered keyword :data:`RULES` and :func:`classify`;
- :mod:`~unvotes.topics.voeten`: :func:`topics_for_votes` (Voeten's codes where he
  coded, the rules elsewhere) and :func:`evaluate` (the rules against his codes).

``docs/topics.md`` explains the rules and the classifier's agreement with Voeten.

>>> sorted(classify(title="Aggression against Ukraine", agenda_item=None))
[<Topic.UKRAINE: 'ukraine'>]
"""

from unvotes.topics.rules import RULES, Rule, classify, normalise_text
from unvotes.topics.vocabulary import VOETEN_CODES, VOETEN_TOPICS, Topic, parse_topic
from unvotes.topics.voeten import (
    VOETEN_SOURCES,
    VOETEN_UNTIL,
    ClassifierReport,
    TopicScore,
    evaluate,
    is_coded,
    topics_for_votes,
)

__all__ = [
    "RULES",
    "VOETEN_CODES",
    "VOETEN_SOURCES",
    "VOETEN_TOPICS",
    "VOETEN_UNTIL",
    "ClassifierReport",
    "Rule",
    "Topic",
    "TopicScore",
    "classify",
    "evaluate",
    "is_coded",
    "normalise_text",
    "parse_topic",
    "topics_for_votes",
]
