"""Finding the claims in an article, before any vote is known.

Works clause by clause: a sentence is cut at semicolons, "but", "while", ", with" ...;
in each clause the states named (lists such as "Belarus, North Korea and Sudan") are tied
to the nearest cue (``patterns.py``) — before the cue ("India abstained"), or after it
in the reversed order reports use ("among those voting against were ...", "vetoed by
Russia"). Each claim keeps the body the clause names ("in the Security Council vote"),
which later decides the vote it is judged against.

>>> # doctest: +SKIP
>>> [f.kind for f in extract(text, sentences(text), mentions)]
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from unvotes.claims import patterns as P
from unvotes.claims.model import ClaimKind
from unvotes.claims.names import Mention
from unvotes.claims.text import (
    NUMBER,
    BodyCue,
    NumberMention,
    Sentence,
    body_cues,
    dates,
    numbers,
    parse_number,
)

__all__ = ["Found", "MentionList", "extract", "mention_lists"]


@dataclass(frozen=True, slots=True)
class MentionList:
    """States named together: "Belarus, North Korea, and Sudan"."""

    start: int
    end: int
    mentions: tuple[Mention, ...]

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(m.iso3 for m in self.mentions if m.iso3)


@dataclass(frozen=True, slots=True)
class Found:
    """A claim as worded, not yet judged."""

    kind: ClaimKind
    start: int
    end: int
    sentence: Sentence
    body: str | None = None  # "GA" / "SC" where the clause names a body
    part: str | None = None  # tally part
    value: float | None = None  # tally / membership count
    approx: str | None = None  # ">" "~" ... (patterns.APPROXIMATE)
    country: str | None = None
    partners: tuple[tuple[str, bool], ...] = ()  # (ISO3, same position?)
    position: str | None = None  # Y N A X, V = veto
    outcome: str | None = None  # adopted | rejected | vetoed
    history: str | None = None  # first | habit | change | extreme
    since: int | None = None
    countries: tuple[str, ...] = field(default=())  # sponsors named
    symbol: str | None = None
    past: bool = False  # the clause is about an earlier vote ("in 2011", "last month")
    aside: bool = False  # the sentence is about a committee or amendment vote
    year: int | None = None  # the year that clause names


_LIST_GAP = re.compile(r"^(?:\s*(?:,|;|&|/)?\s*(?:and|or|as\s+well\s+as|along\s+with|plus)?\s*"
                       r"(?:the\s+)?)$", re.IGNORECASE)


def mention_lists(text: str, mentions: Sequence[Mention]) -> list[MentionList]:
    """Consecutive state mentions joined by commas or "and" grouped into lists.

    Example: "Belarus, North Korea, and Sudan" is one list of three.
    """
    out: list[MentionList] = []
    group: list[Mention] = []
    for m in mentions:
        if m.iso3 is None:
            if group:
                out.append(MentionList(group[0].start, group[-1].end, tuple(group)))
                group = []
            continue
        if group and _LIST_GAP.match(text[group[-1].end:m.start]) and "\n" not in text[group[-1].end:m.start]:
            group.append(m)
        else:
            if group:
                out.append(MentionList(group[0].start, group[-1].end, tuple(group)))
            group = [m]
    if group:
        out.append(MentionList(group[0].start, group[-1].end, tuple(group)))
    return out


_RELATIVE = re.compile(r",\s*(?:which|who|whose|whom)\b[^,;:]*(?=,)", re.IGNORECASE)


def _clauses(text: str, s: Sentence) -> list[tuple[int, int]]:
    """Cut points: clause breaks, and both ends of a relative clause (", which had ...,")
    so that "Britain, which had voted for it before, voted against" keeps its subject."""
    cuts = {s.start, s.end}
    for m in P.CLAUSE_BREAK.finditer(text, s.start, s.end):
        cuts.add(m.start())
    for m in _RELATIVE.finditer(text, s.start, s.end):
        cuts.update((m.start(), m.end()))
    ordered = sorted(cuts)
    return [(a, b) for a, b in itertools.pairwise(ordered) if b > a]


def _quoted(text: str, s: Sentence) -> list[tuple[int, int]]:
    """Spans of speech quoted at length (six words or more) inside a sentence."""
    out = []
    for m in re.finditer(r'"([^"]{1,2000})"', text[s.start:s.end]):
        if len(m.group(1).split()) >= 6:
            out.append((s.start + m.start(), s.start + m.end()))
    return out


_INHERIT = re.compile(r"^\W*(?:(?:and|but|then|later|also|not\s+only|only|still|even|yet|both|all|"
                      r"each|all\s+three|all\s+four|"
                      r"subsequently|in\s+turn|itself|themselves|had|has|have|too|again|"
                      r"afterwards|ultimately|eventually)\W+)*$", re.IGNORECASE)
_REVERSE_GAP = re.compile(r"\b(?:were|was|are|is|included|include|includes|including|by|"
                          r"such\s+as|among\s+them|notably|namely)\b|:", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not(?!\s+only)|n't|never|no\s+longer|refused\s+to|declined\s+to|"
                      r"could|would|might|may|can|threatened\s+to|threatening\s+to|"
                      r"without|instead\s+of|rather\s+than|chose\s+not\s+to|whether\s+to)\s+"
                      r"(?:\w+\s+){0,1}$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:it|its|they|their|this|the\s+country|the\s+administration|"
                      r"the\s+government)\b", re.IGNORECASE)
_SAME_VERB = re.compile(r"(?:supported|backed|sided\s+with|voted\s+with|stood\s+with|stood\s+by|"
                        r"voted\s+alongside|aligned\s+with|joined|with)\s+(?:\w+\s+){0,2}$",
                        re.IGNORECASE)
_DIFF_VERB = re.compile(r"(?:condemned|opposed|criticized|criticised|voted\s+against|against|"
                        r"rebuked|censured|isolated)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_SYMBOL = re.compile(
    r"\b(?:A/RES/[\w./-]+(?:\s*\([IVXLC]+\))?|S/RES/\d+\s*\(\d{4}\)|S/RES/\d+|S/\d{4}/\d+|"
    r"A/[\w.-]+/L\.\d+(?:/Rev\.\d+)?)|\bresolutions?\s+(?:ES-\d+/\d+|\d+/\d+|\d+(?:\s*\(\d{4}\))?)"
    r"(?!\s*(?:-|to\s+\d)|\d)",
    re.IGNORECASE)
# a state named as the object of a preposition is not the subject of the next verb
# ("the resolution on Ukraine ... in favour")
_OBJECT = re.compile(r"(?<!delegation )(?<!delegations )(?<!representative )(?<!government )"
                     r"(?<!delegate )(?<!ambassador )(?<!envoy )(?<!representatives )"
                     r"\b(?:on|in|of|against|for|to|from|about|over|into|towards?|at|between|"
                     r"by|upon|regarding|concerning)\s+(?:the\s+)?$", re.IGNORECASE)
# a cue right after a number is a count ("89 votes in favour"), not a state's position
_COUNTED = re.compile(rf"(?<![\w,.])(?!(?:1[89]|20)\d\d\b)(?:{NUMBER})\s+(?:[\w-]+\s+){{0,2}}$",
                      re.IGNORECASE)
_JOINT = re.compile(r"\s+in\s+(?:voting\s+|casting\s+)?(no\b|\"no\"|against|opposing|"
                    r"abstaining|abstention|favou?r|yes|supporting|backing)", re.IGNORECASE)
_VOTES_TO = re.compile(rf"(?<![\w,.])(?P<a>{NUMBER})\s+votes?\s+to\s+(?P<b>{NUMBER})(?P<c>)",
                       re.IGNORECASE)
_AMONG = re.compile(r"\b(?:among|one\s+of|part\s+of|included\s+in)\b", re.IGNORECASE)
_DITTO = re.compile(r"\W*(?:and\s+)?(?:as|so)\s+(?:too\s+)?did\s+(?:the\s+)?", re.IGNORECASE)
_OUTCOME_VERB = re.compile(
    r"vetoed|veto|rejected|defeated|voted\s+down|not\s+adopted|failed(?:\s+to\s+\w+)?|"
    r"did\s+not\s+pass|fell\s+short|adopted|passed|approved|carried|won\s+\w+", re.IGNORECASE)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_UNIT = re.compile(r"\$|%|\bper\s*cent\b|\bpercent\b|\bmillion\b|\bbillion\b|\btrillion\b|"
                   r"\bthousand\b|\bkm\b|\bkilomet", re.IGNORECASE)
_NOT_A_FIGURE = re.compile(r"(?:session|meeting|article|chapter|paragraph|resolution|"
                           r"resolutions|item|no\.|number|page|section|protocol|decision)\s*$",
                           re.IGNORECASE)


def extract(text: str, sents: Sequence[Sentence], mentions: Sequence[Mention], *,
            stop: Callable[[], bool] | None = None) -> list[Found]:
    """The claims in an article, in article order (unjudged). ``stop`` is asked before
    each sentence; when it answers True the claims found so far are returned."""
    lists = mention_lists(text, mentions)
    cues = body_cues(text)
    date_spans = [(d.start, d.end) for d in dates(text)]
    symbol_spans = [(m.start(), m.end()) for m in _SYMBOL.finditer(text)]
    found: list[Found] = []
    last_subject: MentionList | None = None
    for s in sents:
        if stop is not None and stop():
            break
        quoted = _quoted(text, s)
        taken: list[tuple[int, int]] = [*date_spans, *symbol_spans]
        sentence_found: list[Found] = []
        sentence_found += _tallies(text, s, cues, taken)
        subject_here: MentionList | None = None
        pending: MentionList | None = None  # a subject still waiting for its verb
        spent: set[tuple[int, ClaimKind]] = set()  # mentions quoted by a claim already
        last_position: str | None = None
        for a, b in _clauses(text, s):
            in_clause = [ml for ml in lists if a <= ml.start and ml.end <= b]
            if any(q0 <= a and b <= q1 for q0, q1 in quoted):
                continue
            body = _body_in(cues, a, b)
            relative = bool(_RELATIVE.match(text, a))
            new, subject = _clause_claims(text, s, a, b, in_clause, body,
                                          pending or subject_here or last_subject,
                                          pending or subject_here, last_position, spent)
            sentence_found += new
            positions = [f.position for f in new
                         if f.kind is ClaimKind.POSITION and f.position and not f.past]
            if positions:
                last_position = positions[-1]
            if subject is not None and not relative:
                subject_here = subject
                pending = None
            elif in_clause and not new and not relative:
                pending = in_clause[-1]
        # counts in a clause about an earlier vote ("a year ago it passed 187 to 2")
        clauses = _clauses(text, s)
        for i, f in enumerate(sentence_found):
            if f.kind is ClaimKind.TALLY and not f.past:
                a, b = next(((a, b) for a, b in clauses if a <= f.start < b), (s.start, s.end))
                past = _PAST.search(text, a, b)
                if past:
                    sentence_found[i] = replace(f, past=True, year=int(past.group("year"))
                                                if past.group("year") else None)
        if _ASIDE.search(text, s.start, s.end):
            sentence_found = [replace(f, aside=True) if f.kind in _ASIDE_KINDS else f
                              for f in sentence_found]
        sentence_found += _others(text, s, taken, sentence_found)
        if subject_here is not None:
            last_subject = subject_here
        found += sentence_found
    found.sort(key=lambda f: (f.start, f.end))
    return found


def _own(mention: Mention, s: Sentence, kind: ClaimKind,
         spent: set[tuple[int, ClaimKind]]) -> bool:
    """Whether a claim can quote the state's own name: it is in this sentence and no claim
    of the same kind quotes it yet (else the claim quotes its cue: "supported Moscow")."""
    if not s.start <= mention.start < s.end or (mention.start, kind) in spent:
        return False
    spent.add((mention.start, kind))
    return True


def _body_in(cues: Sequence[BodyCue], a: int, b: int) -> str | None:
    bodies = {c.body for c in cues if a <= c.start < b}
    return bodies.pop() if len(bodies) == 1 else None


def _overlaps(a: int, b: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(x < b and a < y for x, y in spans)


def _sentence_body(text: str, s: Sentence, cues: Sequence[BodyCue]) -> str | None:
    return _body_in(cues, s.start, s.end)


def _tallies(text: str, s: Sentence, cues: Sequence[BodyCue],
             taken: list[tuple[int, int]]) -> list[Found]:
    out: list[Found] = []
    body = _sentence_body(text, s, cues)
    for m in P.MEMBERSHIP.finditer(text, s.start, s.end):
        n_text = m.group("n") or m.group("n2") or m.group("n3")
        value = parse_number(n_text)
        if value is None or _overlaps(m.start(), m.end(), taken):
            continue
        named = m.group("body") or m.group("body3") or ""
        mbody = ("SC" if "council" in named.lower() else
                 "GA" if named.lower() in {"assembly", "general assembly", "un",
                                           "united nations"} or m.group("n2") else body)
        if named.lower() in {"body", "organization", "organisation", "world body", "chamber",
                             "forum"} and m.group("n") and value >= 50:
            mbody = "GA"  # "the 193-member world body"
        out.append(Found(ClaimKind.MEMBERSHIP, m.start(), m.end(), s, body=mbody, value=value))
        taken.append((m.start(), m.end()))
    if P.VOTE_CONTEXT.search(text, s.start, s.end) or re.search(r"\bvote", text[s.start:s.end],
                                                                 re.IGNORECASE):
        series = [*P.TALLY_SERIES.finditer(text, s.start, s.end),
                  *_VOTES_TO.finditer(text, s.start, s.end)]
        for m in series:
            if _overlaps(m.start(), m.end(), taken):
                continue
            parts = [("yes", "a"), ("no", "b"), ("abstain", "c")]
            values = [(part, parse_number(m.group(g)), m.start(g), m.end(g))
                      for part, g in parts if m.group(g)]
            if len(values) < 2 or any(v is None for _, v, _, _ in values):
                continue
            nums = [v for _, v, _, _ in values if v is not None]
            if any(v >= 1000 for v in nums) or _YEAR.match(m.group("a")) or sum(nums) == 0:
                continue
            if re.match(r"\s*(?:am|pm|a\.m|p\.m|hours|years|days|percent|%)",
                        text[m.end():m.end() + 8], re.IGNORECASE):
                continue
            for part, value, a, b in values:
                out.append(Found(ClaimKind.TALLY, a, b, s, body=body, part=part, value=value))
            taken.append((m.start(), m.end()))
    for m in P.UNANIMOUS.finditer(text, s.start, s.end):
        if not _overlaps(m.start(), m.end(), taken):
            out.append(Found(ClaimKind.TALLY, m.start(), m.end(), s, body=body, part="unanimous"))
            taken.append((m.start(), m.end()))
    for part, pattern in P.TALLY_ZERO:
        for m in pattern.finditer(text, s.start, s.end):
            if not _overlaps(m.start(), m.end(), taken):
                out.append(Found(ClaimKind.TALLY, m.start(), m.end(), s, body=body, part=part,
                                 value=0.0))
                taken.append((m.start(), m.end()))
    for part, pattern in P.TALLY_PARTS:
        for m in pattern.finditer(text, s.start, s.end):
            n0, n1 = m.start("n"), m.end("n")
            if _overlaps(n0, n1, taken):
                continue
            value = parse_number(m.group("n"))
            if value is None or _YEAR.match(m.group("n")):
                continue
            if value == 1 and m.group("n").lower() == "one" and not re.match(
                    r"one\s+(?:vote|country|state|member|nation|delegation)", m.group(0)[m.start("n") - m.start():],
                    re.IGNORECASE):
                continue  # "one of the", "one abstained" is rarely a count
            q = m.group("q")
            start = m.start("q") if q else n0
            out.append(Found(ClaimKind.TALLY, start, m.end(), s, body=body, part=part,
                             value=value, approx=P.APPROXIMATE[q.lower()] if q else None))
            taken.append((start, m.end()))
    return out


def _clause_claims(text: str, s: Sentence, a: int, b: int, lists: list[MentionList],
                   body: str | None, inherited: MentionList | None,
                   sentence_subject: MentionList | None, last_position: str | None = None,
                   spent: set[tuple[int, ClaimKind]] | None = None
                   ) -> tuple[list[Found], MentionList | None]:
    """The position, alignment, history, outcome and sponsor claims of one clause."""
    out: list[Found] = []
    subject: MentionList | None = None
    spent = set() if spent is None else spent
    # ", as did China and Poland", "and so did Finland": the sentence's last position
    ditto = _DITTO.match(text, a, b)
    if ditto and last_position is not None:
        named = next((ml for ml in lists if ml.start >= ditto.end() - 1), None)
        if named is not None:
            for mention in named.mentions:
                if mention.iso3:
                    out.append(Found(ClaimKind.POSITION, mention.start, mention.end, s,
                                     body=body, country=mention.iso3, position=last_position))
            return out, named
    habitual = bool(P.HABITUAL_CONTEXT.search(text, a, b))
    used_as_partner: set[int] = set()

    def before(pos: int) -> MentionList | None:
        cands = [ml for ml in lists if ml.end <= pos and id(ml) not in used_as_partner
                 and not _OBJECT.search(text[max(a, ml.start - 16):ml.start])]
        return cands[-1] if cands else None

    def after(pos: int, *, reverse: bool) -> MentionList | None:
        for ml in lists:
            if ml.start >= pos:
                gap = text[pos:ml.start]
                if not reverse and len(gap.strip()) <= 12 and "," not in gap:
                    return ml
                if reverse and _REVERSE_GAP.search(gap) and len(gap) < 90:
                    return ml
                return None
        return None

    def subject_for(cue_start: int, cue_end: int) -> MentionList | None:
        nearest = before(cue_start)
        if nearest is not None and cue_start - nearest.end <= 90:
            return nearest
        rev = after(cue_end, reverse=True)
        if rev is not None:
            return rev
        if inherited is not None and _INHERIT.match(text[a:cue_start]):
            return inherited
        return None

    habit_cues = [(m, kind) for pattern, kind in P.HISTORY_CUES
                  for m in pattern.finditer(text, a, b)]
    absorbed = habitual and bool(habit_cues)

    # partner cues: "voted alongside Russia", "sided with Moscow"
    if not absorbed:
        for pattern, same in P.PARTNER_CUES:
            for m in pattern.finditer(text, a, b):
                partner = after(m.end(), reverse=False)
                if partner is None or _NEGATED.search(text[max(a, m.start() - 25):m.start()]):
                    continue
                used_as_partner.add(id(partner))
                who = subject_for(m.start(), m.end())
                if who is None or who is partner:
                    rev = after(partner.end, reverse=True)
                    who = rev if rev is not None else (
                        inherited if inherited is not None and _INHERIT.match(text[a:m.start()])
                        else None)
                if who is None or who is partner:
                    continue
                subject = who
                # "joined the United States and Israel in voting no": the partners' position
                joint = _JOINT.match(text, partner.end, b)
                if same and joint:
                    position = ("N" if joint.group(1).lower().startswith(("no", "opp", "agai", "rej"))
                                else "A" if joint.group(1).lower().startswith("abst") else "Y")
                    for pm in partner.mentions:
                        if pm.iso3:
                            out.append(Found(ClaimKind.POSITION, pm.start, pm.end, s, body=body,
                                             country=pm.iso3, position=position))
                for mention in who.mentions:
                    if mention.iso3:
                        # a subject carried over from an earlier clause is quoted by its cue
                        start, end = ((mention.start, mention.end)
                                      if _own(mention, s, ClaimKind.ALIGNMENT, spent)
                                      else (m.start(), partner.end))
                        out.append(Found(ClaimKind.ALIGNMENT, start, end, s,
                                         body=body, country=mention.iso3,
                                         partners=tuple((c, same) for c in partner.states[:1])))

    # absolute positions: "India abstained", "vetoed by Russia"
    if not absorbed:
        claimed: set[tuple[str, str]] = set()
        for pattern, position in P.POSITION_CUES:
            for m in pattern.finditer(text, a, b):
                if _NEGATED.search(text[max(a, m.start() - 25):m.start()]):
                    continue
                by = re.match(r"\s+by\s+", text[m.end():b])
                who = (after(m.end() + by.end(), reverse=False) if by
                       else subject_for(m.start(), m.end()))
                if who is None or id(who) in used_as_partner:
                    continue
                counted = _COUNTED.search(text, max(a, m.start() - 30), m.start())
                if (counted and who.end <= counted.start() and not by
                        and not _AMONG.search(text, a, m.start())):
                    continue  # "... on Ukraine by 89 votes in favour": a count, not a position
                subject = who
                for mention in who.mentions:
                    if mention.iso3 and (mention.iso3, position) not in claimed:
                        claimed.add((mention.iso3, position))
                        start, end = ((mention.start, mention.end)
                                      if _own(mention, s, ClaimKind.POSITION, spent)
                                      else (m.start(), m.end()))
                        out.append(Found(ClaimKind.POSITION, start, end, s,
                                         body=body, country=mention.iso3, position=position))

    # history: about earlier votes; its subject is the clause's subject when not named
    for m, kind in sorted(habit_cues, key=lambda x: x[0].start()):
        lists_before = [ml for ml in lists if ml.end <= m.start() and id(ml) not in used_as_partner]
        who = None
        partner_lists: list[MentionList] = []
        if kind == "extreme" and lists_before:
            if len(lists_before) >= 2:
                who, partner_lists = lists_before[0], [lists_before[-1]]
            else:
                partner_lists = lists_before
                who = subject or sentence_subject or inherited
        else:
            who = lists_before[-1] if lists_before else None
            if who is None:
                nxt = next((ml for ml in lists if ml.start >= m.end()), None)
                if nxt is not None and re.fullmatch(r"\s+(?:in|of|by|from|for)\s+(?:the\s+)?",
                                                    text[m.end():nxt.start]):
                    who = nxt
            if who is None:
                who = subject or sentence_subject or inherited
            partner_lists = [ml for ml in lists if ml is not who and ml.start >= m.start() - 60]
        partners: list[tuple[str, bool]] = []
        for ml in partner_lists:
            lead = text[max(a, ml.start - 40):ml.start]
            if _DIFF_VERB.search(lead):
                partners += [(c, False) for c in ml.states]
            elif _SAME_VERB.search(lead) or kind == "extreme" or re.search(r"\bto\s+$", lead):
                partners += [(c, True) for c in ml.states]
        since = m.groupdict().get("since") or m.groupdict().get("since2")
        if since is None and (sm := re.search(r"\bsince\s+((?:19|20)\d\d)\b", text[a:b])):
            since = sm.group(1)
        stated = next((pos for pattern, pos in P.POSITION_CUES
                       if pattern.search(text, m.start(), b)), None)
        states = who.states if who else ()
        out.append(Found(ClaimKind.HISTORY, m.start(), m.end(), s, body=body,
                         country=states[0] if states else None, countries=states,
                         partners=tuple(partners), history=kind,
                         since=int(since) if since else None, position=stated,
                         value=_ordinal(m.group())))
        if who is not None and subject is None:
            subject = who

    # outcome: one per clause
    if not absorbed:
        for pattern, outcome in P.OUTCOMES:
            om = pattern.search(text, a, b)
            if om and not _NEGATED.search(text[max(a, om.start() - 20):om.start()]):
                verb = _OUTCOME_VERB.search(om.group())
                start, end = ((om.start() + verb.start(), om.start() + verb.end()) if verb
                              else (om.start(), om.end()))
                out.append(Found(ClaimKind.OUTCOME, start, end, s, body=body, outcome=outcome))
                break

    # sponsors
    for m in P.SPONSOR_AFTER.finditer(text, a, b):
        named = after(m.end(), reverse=False)
        if named is not None:
            out.append(Found(ClaimKind.SPONSOR, m.start(), named.end, s, body=body,
                             countries=named.states))
    for ml in lists:
        compound = P.SPONSOR_COMPOUND.match(text, ml.end)
        direct = P.SPONSOR_BEFORE.match(text, ml.end, b)
        if compound or direct:
            end = (compound or direct).end()  # type: ignore[union-attr]
            out.append(Found(ClaimKind.SPONSOR, ml.start, end, s, body=body,
                             countries=ml.states))
    past = _PAST.search(text, a, b)
    if past and not absorbed:
        year = int(past.group("year")) if past.group("year") else None
        out = [replace(f, past=True, year=year) if f.kind in _PAST_KINDS else f for f in out]
    return out, subject


# Committee votes and votes on amendments are rarely in the record (it holds the plenary's
# recorded votes): their counts and outcomes are not checked against the text voted on.
_ASIDE = re.compile(r"\b(?:First|Second|Third|Fourth|Fifth|Sixth|Special\s+Political)\s+"
                    r"Committee\b|\bin\s+committee\b|\bamendments?\b", re.IGNORECASE)
_ASIDE_KINDS = frozenset({ClaimKind.TALLY, ClaimKind.OUTCOME, ClaimKind.SPONSOR})


def _ordinal(cue: str) -> float | None:
    """N in "for the Nth time", else None."""
    m = re.search(r"\b(\d+)(?:st|nd|rd|th)\s+time\b", cue)
    return float(m.group(1)) if m else None


_PAST_KINDS = frozenset({ClaimKind.POSITION, ClaimKind.ALIGNMENT, ClaimKind.OUTCOME,
                         ClaimKind.TALLY})
# a clause about an earlier vote: its claims are judged against the earlier votes
_PAST = re.compile(
    r"\bin\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[-/])|\blast\s+(?:month|year|week|spring|summer|autumn|"
    r"fall|winter|session)\b|\bearlier\s+this\s+(?:year|month|week)\b|\b(?:a|an)\s+(?:similar|"
    r"earlier|previous|prior)\s+(?:draft|resolution|text|measure|vote)\b|\b(?:two|three|four|"
    r"five|six|several|\d+)\s+(?:days|weeks|months|years)\s+(?:ago|earlier|before)\b|\ba\s+"
    r"(?:year|month|week|decade)\s+(?:ago|earlier|before)\b|\bthe\s+(?:previous|prior|last)\s+"
    r"(?:vote|resolution|draft|time)\b|\bin\s+(?:previous|past|earlier|prior)\s+years\b",
    re.IGNORECASE)


def _others(text: str, s: Sentence, taken: Sequence[tuple[int, int]],
            found: Sequence[Found]) -> list[Found]:
    """Figures not about a vote: casualties, money, troops (never checkable)."""
    spans = [*taken, *((f.start, f.end) for f in found if f.kind is not ClaimKind.HISTORY)]
    out = []
    for n in numbers(text, start=s.start, end=s.end):
        if _overlaps(n.start, n.end, spans) or not n.text[0].isdigit():
            continue
        if _YEAR.match(n.text) or _NOT_A_FIGURE.search(text[max(s.start, n.start - 14):n.start]):
            continue
        near = text[max(s.start, n.start - 2):min(s.end, n.end + 12)]
        if n.value < 10 and not _UNIT.search(near):
            continue
        if re.match(r"-(?:member|nation|year|day|page|point)", text[n.end:n.end + 8]):
            continue
        start = n.start - 1 if n.start > 0 and text[n.start - 1] == "$" else n.start
        end = n.end
        unit = re.match(r"\s*(?:%|per\s*cent|percent|million|billion|trillion)", text[end:])
        if unit:
            end += unit.end()
        out.append(Found(ClaimKind.OTHER, start, end, s, value=n.value))
    return out


def number_spans(items: Sequence[NumberMention]) -> list[tuple[int, int]]:
    """Offsets of numbers (a helper for tests and reports)."""
    return [(n.start, n.end) for n in items]
