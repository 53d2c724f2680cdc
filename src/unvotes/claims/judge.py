"""Judging claims against the record: supported, contradicted (with the record's value),
or not checkable — each with the evidence used.

A claim is judged against one vote: the vote of the body its clause names, or else the
vote the article was last talking about (the main vote at first). Claims of history are
judged against the state's positions on the earlier votes on the same question: votes
of the same body whose titles match the vote's (repeated resolutions), or failing that
the earlier votes on its topic (``unvotes.topics``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from unvotes.claims.extract import Found
from unvotes.claims.matching import VoteIndex, _tokens
from unvotes.claims.model import Claim, ClaimKind, Evidence, MatchedVote, Verdict
from unvotes.countries import CountryTable, load_countries
from unvotes.errors import UnknownCountryError
from unvotes.record import Record, Vote

__all__ = ["Judge"]

_WORDS = {"Y": "voted in favour", "N": "voted against", "A": "abstained",
          "X": "did not vote", "V": "vetoed"}
_SHORT = {"Y": "Yes", "N": "No", "A": "Abstain", "X": "non-voting"}
_PART_WORDS = {"yes": "in favour", "no": "against", "abstain": "abstentions",
               "non_voting": "not voting"}
_HISTORY_SKIP_KINDS = ("amendment", "paragraph", "motion")
_FIT_KINDS = frozenset({ClaimKind.POSITION, ClaimKind.ALIGNMENT, ClaimKind.TALLY,
                        ClaimKind.OUTCOME})


@dataclass
class Judge:
    """Judges the claims of one article against the record (one per article)."""

    record: Record
    index: VoteIndex
    votes: list[MatchedVote]

    @cached_property
    def table(self) -> CountryTable:
        return load_countries()

    def vote(self, vote_id: str) -> Vote:
        cache: dict[str, Vote] = self.__dict__.setdefault("_vote_cache", {})
        if vote_id not in cache:
            cache[vote_id] = self.record.vote(vote_id)
        return cache[vote_id]

    def name(self, iso3: str) -> str:
        return iso3

    # -- which vote ------------------------------------------------------------------------
    def fit(self, f: Found, vote_id: str) -> int:
        """+1 if the record bears the claim out on this vote, -1 if it contradicts it."""
        if f.kind not in _FIT_KINDS or f.past:
            return 0
        cache: dict[tuple[int, str], int] = self.__dict__.setdefault("_fit_cache", {})
        key = (id(f), vote_id)
        if key not in cache:
            verdict = self.judge(f, vote_id).verdict
            cache[key] = (1 if verdict is Verdict.SUPPORTED else
                          -1 if verdict is Verdict.CONTRADICTED else 0)
        return cache[key]

    def select(self, found: Sequence[Found], spare: Sequence[MatchedVote]) -> None:
        """Add the runners-up that explain claims the chosen votes cannot (a rival draft
        voted the same week), and the vetoed draft a reported veto points to."""
        chosen = list(self.votes)
        if not chosen:
            return
        for cand in spare:
            if len(chosen) >= 4:
                break
            same = [c for c in chosen if c.body == cand.body]
            gain = sum(1 for f in found if (f.body in (None, cand.body))
                       and self.fit(f, cand.vote_id) > 0
                       and all(self.fit(f, c.vote_id) <= 0 for c in same))
            if gain >= 2:
                chosen.append(cand)
        vetoed = self._vetoed_draft(found, chosen)
        if vetoed is not None:
            chosen.append(vetoed)
        self.votes = chosen

    def _vetoed_draft(self, found: Sequence[Found], chosen: list[MatchedVote]
                      ) -> MatchedVote | None:
        """A veto is reported but no vetoed draft is matched: the one nearest in time."""
        vetoers = {f.country for f in found if f.position == "V" and f.country}
        named = bool(vetoers) or any(f.outcome == "vetoed" for f in found)
        if not named or any(self.vote(c.vote_id).outcome and self.vote(c.vote_id).outcome
                            .outcome == "vetoed" for c in chosen if c.body == "SC"):  # type: ignore[union-attr]
            return None
        anchor = chosen[0].date
        if anchor is None:
            return None
        frame = self.index.frame
        mask = (frame["body"] == "SC") & (frame["outcome"] == "vetoed")
        best: tuple[int, str] | None = None
        for vid, day, by in zip(frame.loc[mask, "vote_id"], frame.loc[mask, "date"],
                                frame.loc[mask, "vetoed_by"], strict=True):
            if day is None or abs((day - anchor).days) > 21:
                continue
            if vetoers and not vetoers & set(by or []):
                continue
            gap = abs((day - anchor).days)
            if best is None or gap < best[0]:
                best = (gap, vid)
        if best is None:
            return None
        v = self.vote(best[1])
        return MatchedVote(v.vote_id, v.symbol or v.draft_symbol, v.body, v.date, v.title, 0.6,
                           ((f"a veto is reported: the vetoed draft nearest the main vote "
                            f"({best[0]} days apart)"),), v.undl_link)

    def assign(self, found: Sequence[Found]) -> list[str | None]:
        """The vote each claim is judged against (None when no vote matched).

        Sentence by sentence: among the votes the claim's clause allows (the body it
        names, the Council for a veto), the vote that bears out most of the sentence's
        claims; on a tie, the vote the article was last talking about.
        """
        if not self.votes:
            return [None] * len(found)
        primary = self.votes[0]
        current = primary
        out: list[str | None] = [None] * len(found)
        by_sentence: dict[int, list[int]] = {}
        for i, f in enumerate(found):
            by_sentence.setdefault(f.sentence.index, []).append(i)
        for idxs in by_sentence.values():
            allowed = {i: self._allowed(found[i]) for i in idxs}
            pool = {v.vote_id: v for i in idxs for v in allowed[i]}
            score = {vid: sum(self.fit(found[i], vid) for i in idxs
                              if any(v.vote_id == vid for v in allowed[i])) for vid in pool}
            checked = sum(1 for i in idxs if found[i].kind in _FIT_KINDS)
            for i in idxs:
                f = found[i]
                if f.kind is ClaimKind.OTHER:
                    continue
                if f.kind is ClaimKind.HISTORY and f.body is None:
                    out[i] = primary.vote_id  # history is about the article's main question
                    continue
                options = allowed[i]
                if not options:
                    continue
                hinted = [v for v in options if f.body is None or v.body == f.body]
                best = max(options, key=lambda v: (score[v.vote_id] + 0.5 * (v in hinted),
                                                   v is current, -self.votes.index(v)))
                if (current in options and best is not current and best not in hinted[:1]
                        and (checked < 2 or score[best.vote_id] - score[current.vote_id] < 2)):
                    # one claim alone does not move the article off the vote it is on:
                    # a state in the wrong column must not be judged on another vote
                    best = current
                out[i] = best.vote_id
                current = best
        return out

    def _allowed(self, f: Found) -> list[MatchedVote]:
        if f.position == "V" or f.outcome == "vetoed":
            return [v for v in self.votes if v.body == "SC"]
        if f.body is None or f.kind not in _FIT_KINDS:
            same = [v for v in self.votes if f.body is None or v.body == f.body]
            return same
        # a state named in a clause about the Council may still mean the Assembly vote
        # (states not on the Council cannot have voted there): all votes, the named body first
        return sorted(self.votes, key=lambda v: v.body != f.body)

    # -- verdicts ---------------------------------------------------------------------------
    def judge(self, f: Found, vote_id: str | None) -> Claim:
        """The verdict on one claim."""
        if f.kind is ClaimKind.OTHER:
            return self._claim(f, None, Verdict.NOT_CHECKABLE, f"figure {f.sentence.text[:0]}"
                               f"{self._text(f)!r} is not about a vote", None,
                               reason="not about a UN vote: the voting record cannot settle it")
        if vote_id is None:
            return self._claim(f, None, Verdict.NOT_CHECKABLE, self._text(f), None,
                               reason="no vote in the record matched the article")
        v = self.vote(vote_id)
        if f.past and (f.year is None or v.date is None or f.year != v.date.year):
            return self._past(f, v)
        if f.aside and v.kind != "amendment":
            claim = self._judge(f, v)
            if claim.verdict is Verdict.SUPPORTED:
                return claim
            return replace(claim, verdict=Verdict.NOT_CHECKABLE, record_value=None,
                           reason="about a committee or amendment vote, which the record "
                                  "does not hold")
        return self._judge(f, v)

    def _judge(self, f: Found, v: Vote) -> Claim:
        handler = {
            ClaimKind.TALLY: self._tally, ClaimKind.POSITION: self._position,
            ClaimKind.ALIGNMENT: self._alignment, ClaimKind.MEMBERSHIP: self._membership,
            ClaimKind.OUTCOME: self._outcome, ClaimKind.SPONSOR: self._sponsor,
            ClaimKind.HISTORY: self._history,
        }[f.kind]
        return handler(f, v)

    def _text(self, f: Found) -> str:
        return f.sentence.text[f.start - f.sentence.start:f.end - f.sentence.start]

    def _claim(self, f: Found, v: Vote | None, verdict: Verdict, statement: str,
               record_value: str | None, *, reason: str | None = None,
               evidence: Sequence[Evidence] = ()) -> Claim:
        ev = tuple(evidence) if evidence else ((self._evidence(v, self._summary(v)),)
                                               if v is not None else ())
        return Claim(text=self._text(f), sentence=f.sentence.text, start=f.start, end=f.end,
                     kind=f.kind, verdict=verdict, statement=statement,
                     record_value=record_value, vote_id=v.vote_id if v else None, part=f.part,
                     country=f.country, reason=reason, evidence=ev)

    @staticmethod
    def _symbol(v: Vote | _Light) -> str:
        return v.symbol or v.draft_symbol or v.vote_id

    def _evidence(self, v: Vote | _Light, fact: str) -> Evidence:
        return Evidence(self._symbol(v), v.date, fact, v.undl_link)

    def _summary(self, v: Vote) -> str:
        t = v.tally
        out = v.outcome.outcome if v.outcome else "outcome unknown"
        return (f"{t.yes} in favour, {t.no} against, {t.abstain} abstentions, "
                f"{t.non_voting} not voting; {out}")

    @staticmethod
    def _count(v: Vote, part: str) -> set[float]:
        values: set[float] = set()
        if v.positions_complete:
            values.add(float(getattr(v.tally, part)))
        if v.published_tally is not None and getattr(v.published_tally, part) is not None:
            values.add(float(getattr(v.published_tally, part)))
        return values

    def _tally(self, f: Found, v: Vote) -> Claim:
        sym = self._symbol(v)
        if f.part == "unanimous":
            no, ab = self._count(v, "no"), self._count(v, "abstain")
            if not no or not ab:
                return self._claim(f, v, Verdict.NOT_CHECKABLE, f"{sym} adopted unanimously",
                                   None, reason="the record does not hold the full tally")
            ok = 0.0 in no and 0.0 in ab
            value = f"{v.tally.yes}-{v.tally.no}-{v.tally.abstain}"
            return self._claim(f, v, Verdict.SUPPORTED if ok else Verdict.CONTRADICTED,
                               f"{sym} had no votes against and no abstentions",
                               None if ok else f"{value} ({v.tally.no} against, "
                                               f"{v.tally.abstain} abstentions)")
        part = f.part or "yes"
        if part not in _PART_WORDS:
            return self._claim(f, v, Verdict.NOT_CHECKABLE, self._text(f), None,
                               reason=f"a {part} count is not in the record")
        held = self._count(v, part)
        words = _PART_WORDS[part]
        stated = f"{_approx_words(f.approx)}{_num(f.value)} {words}"
        if not held:
            return self._claim(f, v, Verdict.NOT_CHECKABLE, f"{sym}: {stated}", None,
                               reason="the record has only some positions on this vote "
                                      "and no published tally")
        ok = any(_fits(f.value or 0.0, h, f.approx) for h in held)
        record = " or ".join(f"{_num(h)}" for h in sorted(held)) + f" {words}"
        return self._claim(f, v, Verdict.SUPPORTED if ok else Verdict.CONTRADICTED,
                           f"{sym}: {stated}", None if ok else record)

    def _held(self, v: Vote, iso3: str) -> tuple[str | None, str | None]:
        """A state's position on a vote, or why there is none."""
        if iso3 in v.positions:
            return v.positions[iso3], None
        if not v.positions_complete:
            return None, "the record holds only some positions on this vote"
        body = "the Security Council" if v.body == "SC" else "the United Nations"
        return None, f"not a member of {body} on {v.date}"

    def _position(self, f: Found, v: Vote) -> Claim:
        iso3 = f.country or ""
        stated = f.position or "Y"
        sym = self._symbol(v)
        statement = f"{iso3} {_WORDS[stated]} on {sym}"
        held, why = self._held(v, iso3)
        if held is None:
            if why and why.startswith("not a member"):
                return self._claim(f, v, Verdict.CONTRADICTED, statement, why)
            return self._claim(f, v, Verdict.NOT_CHECKABLE, statement, None, reason=why)
        evidence = [self._evidence(v, f"{iso3}: {_SHORT[held]}")]
        if stated == "V":
            if v.body != "SC":
                return self._claim(f, v, Verdict.CONTRADICTED, statement,
                                   "no veto in the General Assembly", evidence=evidence)
            vetoers = v.outcome.vetoed_by if v.outcome else []
            if iso3 in vetoers:
                return self._claim(f, v, Verdict.SUPPORTED, statement, None, evidence=evidence)
            if held == "N" and iso3 in v.permanent_members:
                return self._claim(f, v, Verdict.CONTRADICTED, statement,
                                   "voted No, but the draft failed for want of nine votes: "
                                   "not a veto", evidence=evidence)
            return self._claim(f, v, Verdict.CONTRADICTED, statement,
                               f"{_SHORT[held]}" + ("" if iso3 in v.permanent_members
                                                    else " (not a permanent member)"),
                               evidence=evidence)
        ok = held == stated
        return self._claim(f, v, Verdict.SUPPORTED if ok else Verdict.CONTRADICTED, statement,
                           None if ok else _SHORT[held], evidence=evidence)

    def _alignment(self, f: Found, v: Vote) -> Claim:
        iso3 = f.country or ""
        partner, same = f.partners[0] if f.partners else ("", True)
        sym = self._symbol(v)
        statement = (f"{iso3} voted {'as' if same else 'differently from'} {partner} on {sym}")
        mine, why = self._held(v, iso3)
        theirs, why2 = self._held(v, partner)
        if mine is None or theirs is None:
            reason = why if mine is None else why2
            if reason and reason.startswith("not a member"):
                who = iso3 if mine is None else partner
                return self._claim(f, v, Verdict.CONTRADICTED, statement, f"{who} {reason}")
            return self._claim(f, v, Verdict.NOT_CHECKABLE, statement, None, reason=reason)
        ok = (mine == theirs) == same
        fact = f"{iso3}: {_SHORT[mine]}, {partner}: {_SHORT[theirs]}"
        return self._claim(f, v, Verdict.SUPPORTED if ok else Verdict.CONTRADICTED, statement,
                           None if ok else fact, evidence=[self._evidence(v, fact)])

    def _membership(self, f: Found, v: Vote) -> Claim:
        body = f.body or v.body
        day = v.date
        if day is None:
            return self._claim(f, v, Verdict.NOT_CHECKABLE, self._text(f), None,
                               reason="the vote has no date")
        if body == "SC":
            members = 15 if day >= dt.date(1966, 1, 1) else 11
            where = "Security Council"
        else:
            members = len(self.table.members_on(day))
            where = "General Assembly"
        ok = f.value == members
        statement = f"the {where} had {_num(f.value)} members on {day}"
        ev = Evidence(self._symbol(v), day, f"{members} members of the {where} on {day}",
                      v.undl_link)
        return self._claim(f, v, Verdict.SUPPORTED if ok else Verdict.CONTRADICTED, statement,
                           None if ok else f"{members} members", evidence=[ev])

    def _outcome(self, f: Found, v: Vote) -> Claim:
        sym = self._symbol(v)
        held = v.outcome.outcome if v.outcome else None
        published = v.outcome.published_outcome if v.outcome else None
        stated = f.outcome or "adopted"
        statement = f"{sym} was {stated}"
        if held in (None, "unknown") and published in (None, "unknown"):
            return self._claim(f, v, Verdict.NOT_CHECKABLE, statement, None,
                               reason="the record does not settle the outcome")
        outcomes = {o for o in (held, published) if o not in (None, "unknown")}
        if stated == "rejected":
            ok = bool(outcomes & {"not adopted", "vetoed"})
        else:
            ok = stated in outcomes
        vetoers = v.outcome.vetoed_by if v.outcome else []
        value = (held or published or "") + (f" (veto: {', '.join(vetoers)})" if vetoers else "")
        return self._claim(f, v, Verdict.SUPPORTED if ok else Verdict.CONTRADICTED, statement,
                           None if ok else value)

    def _sponsor(self, f: Found, v: Vote) -> Claim:
        sym = self._symbol(v)
        named = ", ".join(f.countries) or "?"
        statement = f"{named} sponsored {sym}"
        if not v.sponsors:
            return self._claim(f, v, Verdict.NOT_CHECKABLE, statement, None,
                               reason="the record holds no sponsor list for this vote")
        sponsors = self._sponsor_codes(v)
        missing = [c for c in f.countries if c not in sponsors]
        ev = [self._evidence(v, "sponsors: " + "; ".join(v.sponsors))]
        if not f.countries:
            return self._claim(f, v, Verdict.NOT_CHECKABLE, statement, None,
                               reason="no state named", evidence=ev)
        return self._claim(f, v, Verdict.CONTRADICTED if missing else Verdict.SUPPORTED,
                           statement, ("sponsors: " + ", ".join(sorted(sponsors)))
                           if missing else None, evidence=ev)

    def _sponsor_codes(self, v: Vote) -> set[str]:
        codes = set()
        for s in v.sponsors:
            text = s.split("(ON BEHALF")[0].strip().title()
            try:
                codes.add(self.table.resolve(text, on=v.date))
            except UnknownCountryError:
                continue
        return codes

    # -- history ---------------------------------------------------------------------------
    def _history(self, f: Found, v: Vote) -> Claim:
        """A claim of history; several states named ("all of them for the first time") are
        one claim, contradicted if it fails for any of them."""
        if len(f.countries) <= 1:
            return self._history_one(f, v)
        parts = [self._history_one(replace(f, country=c), v) for c in f.countries]
        wrong = [p for p in parts if p.verdict is Verdict.CONTRADICTED]
        right = [p for p in parts if p.verdict is Verdict.SUPPORTED]
        verdict = (Verdict.CONTRADICTED if wrong else Verdict.SUPPORTED
                   if len(right) == len(parts) else Verdict.NOT_CHECKABLE)
        evidence = [e for p in (wrong or parts) for e in p.evidence[-3:]]
        return Claim(text=self._text(f), sentence=f.sentence.text, start=f.start, end=f.end,
                     kind=f.kind, verdict=verdict,
                     statement="; ".join(p.statement for p in parts),
                     record_value="; ".join(p.record_value or "" for p in wrong) or None,
                     vote_id=v.vote_id, country=",".join(f.countries),
                     reason="; ".join(p.reason for p in parts if p.reason) or None,
                     evidence=tuple(evidence))

    def _history_one(self, f: Found, v: Vote) -> Claim:
        iso3 = f.country
        cue = self._text(f)
        if iso3 is None and f.value is not None:
            return self._nth_time(f, v)
        if iso3 is None:
            return self._claim(f, v, Verdict.NOT_CHECKABLE, cue, None,
                               reason="no state named: the claim is not about a state's votes")
        earlier, how = self._earlier(v, since=f.since)
        if not earlier:
            return self._claim(f, v, Verdict.NOT_CHECKABLE, f"{iso3}: {cue}", None,
                               reason="no earlier votes on the same question in the record")
        states = {iso3, *(p for p, _ in f.partners)}
        held = self._positions([e.vote_id for e in earlier], states)
        mine = [(e, p) for e in earlier if (p := held.get((e.vote_id, iso3))) is not None]
        now, _ = self._held(v, iso3)
        sym = self._symbol(v)
        if not mine:
            return self._claim(f, v, Verdict.NOT_CHECKABLE, f"{iso3}: {cue}", None,
                               reason=f"{iso3} has no positions on the {len(earlier)} {how}")
        evidence = [self._evidence(e, f"{iso3}: {_SHORT[p]}" + "".join(
            f", {q}: {_SHORT[held[(e.vote_id, q)]]}" for q, _ in f.partners
            if (e.vote_id, q) in held)) for e, p in mine[-12:]]
        evidence.append(self._evidence(v, f"{iso3}: {_SHORT[now] if now else 'no position'} "
                                          f"(this vote)"))
        counts = Counter(p for _, p in mine)
        span = f"{len(mine)} {how} ({mine[0][0].date} to {mine[-1][0].date})"
        kind = f.history
        if kind == "first":
            if now is None:
                return self._claim(f, v, Verdict.NOT_CHECKABLE, f"{iso3}: {cue}", None,
                                   reason=f"no position of {iso3} on {sym}")
            before = [e for e, p in mine if p == now]
            statement = f"{iso3} {_WORDS[now]} for the first time on {sym}"
            if before:
                first = before[0]
                return self._claim(f, v, Verdict.CONTRADICTED, statement,
                                   f"{iso3} {_WORDS[now]} before on {len(before)} of {span}, "
                                   f"first on {self._symbol(first)} ({first.date})",
                                   evidence=evidence)
            return self._claim(f, v, Verdict.SUPPORTED, statement, None, evidence=evidence,
                               reason=f"{iso3} never {_WORDS[now]} on the {span}")
        if kind == "change":
            modal, n = counts.most_common(1)[0]
            recent = Counter(p for _, p in mine[-10:]).most_common(1)[0][0]
            statement = f"{iso3}'s position on {sym} departs from its earlier votes"
            if now is None:
                return self._claim(f, v, Verdict.NOT_CHECKABLE, statement, None,
                                   reason=f"no position of {iso3} on {sym}")
            ok = now != recent
            return self._claim(f, v, Verdict.SUPPORTED if ok else Verdict.CONTRADICTED,
                               statement, None if ok else
                               f"{iso3} {_WORDS[now]} as on most of the {span}",
                               evidence=evidence,
                               reason=f"{iso3}: {_SHORT.get(now or '', '?')} now; before, mostly "
                                      f"{_SHORT[recent]} ({counts[recent]} of {len(mine)})")
        if kind == "extreme":
            return self._extreme(f, v, earlier, held, evidence, how)
        # habit: "historically supported Kyiv", "has consistently voted against"
        checks = []
        for partner, same in f.partners or ():
            pairs = [(p, held.get((e.vote_id, partner))) for e, p in mine]
            pairs = [(a, b) for a, b in pairs if b is not None and a != "X" and b != "X"]
            if not pairs:
                continue
            agree = sum(a == b for a, b in pairs) / len(pairs)
            share = agree if same else 1 - agree
            checks.append((share, (f"{'with' if same else 'against'} {partner} on "
                                  f"{round(100 * share)}% of {len(pairs)} {how}")))
        if not checks and f.position in _SHORT:
            share = counts[f.position] / len(mine)
            checks.append((share, f"{_WORDS[f.position]} on {round(100 * share)}% of {span}"))
        if not checks:
            modal, n = counts.most_common(1)[0]
            return self._claim(f, v, Verdict.NOT_CHECKABLE, f"{iso3}: {cue}", None,
                               evidence=evidence,
                               reason=f"the claim names no position; {iso3} {_WORDS[modal]} "
                                      f"on {n} of {span}")
        ok = all(share >= 0.75 for share, _ in checks)
        facts = "; ".join(text for _, text in checks)
        stance = ", ".join(f"{'with' if same else 'against'} {p}" for p, same in f.partners
                           ) or _WORDS.get(f.position or "", "as stated")
        statement = f"{iso3} voted {stance} on the {how} ({cue!r})"
        return self._claim(f, v, Verdict.SUPPORTED if ok else Verdict.CONTRADICTED, statement,
                           None if ok else facts, evidence=evidence, reason=facts)

    def _nth_time(self, f: Found, v: Vote) -> Claim:
        """"For the 33rd time": the vote is the Nth with its title in its body."""
        earlier, how = self._earlier(v, since=None)
        n = int(f.value or 0)
        statement = f"{self._symbol(v)} is the {n}th vote of its kind"
        if not how.endswith("same title"):
            return self._claim(f, v, Verdict.NOT_CHECKABLE, statement, None,
                               reason="no earlier votes with the same title to count")
        held = len(earlier) + 1
        evidence = [self._evidence(e, "earlier vote with the same title") for e in earlier[:2]]
        evidence += [self._evidence(e, "earlier vote with the same title") for e in earlier[-2:]]
        return self._claim(f, v, Verdict.SUPPORTED if held == n else Verdict.CONTRADICTED,
                           statement, None if held == n else f"the {held}th ({len(earlier)} "
                           f"earlier {how}, from {earlier[0].date})", evidence=evidence)

    def _past(self, f: Found, v: Vote) -> Claim:
        """A claim about an earlier vote ("in 2011 the US vetoed a similar draft"): borne
        out if an earlier vote on the same question fits it; never contradicted, as the
        vote meant may not be the one found."""
        earlier, how = self._earlier(v, since=None)
        if f.year is not None:
            earlier = [e for e in earlier if e.date and e.date.year == f.year]
        statement = f"an earlier vote ({how or 'none found'}): {self._text(f)}"
        frame = self.index.frame.set_index("vote_id", drop=False) if earlier else None
        states = {c for c in (f.country, *(p for p, _ in f.partners)) if c}
        held = self._positions([e.vote_id for e in earlier], states) if states else {}
        for e in reversed(earlier[-60:]):
            row = frame.loc[e.vote_id] if frame is not None else None
            if row is None or not _past_fits(f, e.vote_id, row, held):
                continue
            fact = ", ".join(f"{c}: {_SHORT[held[(e.vote_id, c)]]}" for c in sorted(states)
                             if (e.vote_id, c) in held) or f"{row['outcome']}"
            return Claim(text=self._text(f), sentence=f.sentence.text, start=f.start,
                         end=f.end, kind=ClaimKind.HISTORY, verdict=Verdict.SUPPORTED,
                         statement=statement, record_value=None, vote_id=e.vote_id,
                         part=f.part, country=f.country,
                         reason=f"borne out by {self._symbol(e)} ({e.date})",
                         evidence=(self._evidence(e, fact),))
        return Claim(text=self._text(f), sentence=f.sentence.text, start=f.start, end=f.end,
                     kind=ClaimKind.HISTORY, verdict=Verdict.NOT_CHECKABLE,
                     statement=statement, record_value=None, vote_id=None, part=f.part,
                     country=f.country,
                     reason=f"about an earlier vote; none of the {len(earlier)} {how or 'votes'}"
                            f"{f' of {f.year}' if f.year else ''} found bears it out")

    def _extreme(self, f: Found, v: Vote, earlier: list[_Light], held: dict[tuple[str, str], str],
                 evidence: list[Evidence], how: str) -> Claim:
        iso3 = f.country or ""
        if not f.partners or v.date is None:
            return self._claim(f, v, Verdict.NOT_CHECKABLE, self._text(f), None,
                               reason="no partner state named")
        partner = f.partners[0][0]
        this_year = [e for e in earlier if e.date and e.date.year == v.date.year] + [v]
        held = dict(held)
        for k, p in v.positions.items():
            held[(v.vote_id, k)] = p
        years: dict[int, list[bool]] = {}
        refs: list[Vote | _Light] = [*earlier, v]
        for e in refs:
            a, b = held.get((e.vote_id, iso3)), held.get((e.vote_id, partner))
            if a and b and a != "X" and b != "X" and e.date:
                years.setdefault(e.date.year, []).append(a == b)
        if v.date.year not in years or len(years) < 2:
            return self._claim(f, v, Verdict.NOT_CHECKABLE, self._text(f), None,
                               reason="too few earlier votes on the question")
        share = {y: sum(x) / len(x) for y, x in years.items()}
        now = share[v.date.year]
        best_before = max((s, y) for y, s in share.items() if y < v.date.year)
        statement = (f"{iso3} agrees with {partner} more than ever on {how} "
                     f"({round(100 * now)}% in {v.date.year}, {len(this_year)} votes)")
        ok = now > best_before[0]
        return self._claim(f, v, Verdict.SUPPORTED if ok else Verdict.CONTRADICTED, statement,
                           None if ok else f"{round(100 * best_before[0])}% in {best_before[1]}",
                           evidence=evidence)

    def _positions(self, vote_ids: list[str], states: set[str]) -> dict[tuple[str, str], str]:
        rows = self.record.store.rows(
            "SELECT vote_id, iso3, position FROM positions WHERE list_contains(?, vote_id) AND "
            "list_contains(?, iso3)", [vote_ids, sorted(states)])
        return {(vid, iso3): pos for vid, iso3, pos in rows}

    def _earlier(self, v: Vote, *, since: int | None) -> tuple[list[_Light], str]:
        """The earlier votes on the same question, and how they were chosen."""
        frame = self.index.frame
        if v.date is None:
            return [], ""
        mask = ((frame["body"] == v.body) & (frame["date"] < v.date)
                & ~frame["kind"].isin(_HISTORY_SKIP_KINDS))
        if since is not None:
            mask &= frame["date"] >= dt.date(since, 1, 1)
        before = frame[mask]
        words = _tokens(v.title)
        if len(words) >= 2:
            sim = before["title"].map(lambda t: _jaccard(words, _tokens(t)))
            same = before[sim >= 0.6]
            if len(same) >= 2:
                return self._votes(list(same["vote_id"])), "earlier votes with the same title"
        topics = [r[0] for r in self.record.store.rows(
            "SELECT topic FROM vote_topics WHERE vote_id = ?", [v.vote_id])]
        if not topics:
            return [], ""
        topic = "ukraine" if "ukraine" in topics else min(topics)
        ids = {r[0] for r in self.record.store.rows(
            "SELECT vote_id FROM vote_topics WHERE topic = ?", [topic])}
        same = before[before["vote_id"].isin(ids)]
        return self._votes(list(same["vote_id"])), f"earlier {v.body} votes on {topic.replace('_', ' ')}"

    def _votes(self, ids: Sequence[str]) -> list[_Light]:
        rows = self.index.rows
        return [_Light(vid, *rows[vid]) for vid in ids]


@dataclass(frozen=True, slots=True)
class _Light:
    """The few fields of an earlier vote a history judgement cites."""

    vote_id: str
    symbol: str | None
    draft_symbol: str | None
    date: dt.date | None
    undl_link: str | None


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _num(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else str(value)


def _approx_words(approx: str | None) -> str:
    return {">": "more than ", ">=": "at least ", "<": "fewer than ", "~": "about ",
            "~<": "nearly ", "=": ""}.get(approx or "=", "")


def _fits(stated: float, held: float, approx: str | None) -> bool:
    if approx in (None, "="):
        return stated == held
    if approx == ">":
        return held > stated
    if approx == ">=":
        return held >= stated
    if approx == "<":
        return held < stated
    if approx == "~<":
        return 0.9 * stated <= held <= stated
    return abs(held - stated) <= max(2.0, 0.05 * stated)


def _past_fits(f: Found, vote_id: str, row: Any, held: dict[tuple[str, str], str]) -> bool:
    """Whether an earlier vote (a row of the vote index) bears out a claim about it."""
    if f.kind is ClaimKind.OUTCOME:
        outcome = row["outcome"]
        return (outcome in ("not adopted", "vetoed") if f.outcome == "rejected"
                else outcome == f.outcome)
    if f.kind is ClaimKind.TALLY:
        if f.part == "unanimous":
            return bool(row["no"] == 0 and row["abstain"] == 0 and row["yes"] > 0)
        if f.part in _PART_WORDS and f.value is not None:
            return _fits(f.value, float(row[f.part]), f.approx)
        return False
    if f.kind is ClaimKind.POSITION and f.country:
        if f.position == "V":
            return row["outcome"] == "vetoed" and f.country in list(row["vetoed_by"] or [])
        return held.get((vote_id, f.country)) == f.position
    if f.kind is ClaimKind.ALIGNMENT and f.country and f.partners:
        partner, same = f.partners[0]
        a, b = held.get((vote_id, f.country)), held.get((vote_id, partner))
        return a is not None and b is not None and (a == b) == same
    return False
