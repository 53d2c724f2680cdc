"""The wording of claims about votes: ordered regular expressions, one table per kind.

Kept apart from the code that applies them (``extract.py``) so that the vocabulary can be
read and extended in one place. Order matters where two patterns can match the same
words: the more specific comes first (``voted against`` before ``against``), and the
first match wins.
"""

from __future__ import annotations

import re

from unvotes.claims.text import NUMBER

__all__ = [
    "APPROXIMATE",
    "CLAUSE_BREAK",
    "HABITUAL_CONTEXT",
    "HISTORY_CUES",
    "MEMBERSHIP",
    "OUTCOMES",
    "PARTNER_CUES",
    "POSITION_CUES",
    "SPONSOR_AFTER",
    "SPONSOR_BEFORE",
    "SPONSOR_COMPOUND",
    "TALLY_PARTS",
    "TALLY_SERIES",
    "TALLY_ZERO",
    "UNANIMOUS",
    "VOTE_CONTEXT",
]

I = re.IGNORECASE

# "more than 140" -> (">", 140): how a qualifier bounds the true value
APPROXIMATE = {
    "more than": ">", "over": ">", "just over": ">", "upwards of": ">", "at least": ">=",
    "nearly": "~<", "almost": "~<", "just under": "~<", "close to": "~", "about": "~",
    "around": "~", "some": "~", "roughly": "~", "approximately": "~", "an estimated": "~",
    "fewer than": "<", "less than": "<", "under": "<", "only": "=", "just": "=",
}
_Q = (r"(?:(?P<q>" + "|".join(sorted(APPROXIMATE, key=len, reverse=True))
      + r")\s+)?")
_N = rf"(?<![\w,.])(?P<n>{NUMBER})(?![\d,])"
_WHO = (r"(?:\s+(?:other\s+)?(?:votes?|ballots|countries|nations|states|member\s+states|members|"
        r"delegations|governments|council\s+members|members\s+of\s+the\s+(?:security\s+)?council|"
        r"u\.?n\.?\s+members|u\.?n\.?\s+member\s+states|of\s+them|others|in\s+all))?")
_REL = r"(?:\s+(?:that|which|who))?(?:\s+(?:had|have|has|were|was|all|also))*"

# Counts of one part of a tally: "93 votes in favour", "18 against", "65 abstentions".
TALLY_PARTS: list[tuple[str, re.Pattern[str]]] = [
    ("non_voting", re.compile(
        rf"{_Q}{_N}{_WHO}{_REL}\s+(?:did\s+not\s+(?:vote|take\s+part|participate|cast\s+a\s+vote)|"
        rf"(?:were\s+)?absent\b|not\s+voting|non-voting|did\s+not\s+take\s+part)", I)),
    ("abstain", re.compile(
        rf"{_Q}{_N}{_WHO}{_REL}\s+(?:abstentions?\b|abstain(?:ed|ing|s)?\b|"
        rf"(?:chose|decided|opted)\s+to\s+abstain)", I)),
    ("no", re.compile(
        rf"{_Q}{_N}{_WHO}{_REL}\s+(?:voted\s+|voting\s+|votes?\s+|were\s+|cast\s+)?"
        rf"(?:against\b|opposed\b|opposing\b|no\b(?!\s+(?:vote\b|one|longer))|\"no\"|'no'|"
        rf"rejecting\b|no-votes?)", I)),
    ("yes", re.compile(
        rf"{_Q}{_N}{_WHO}{_REL}\s+(?:voted\s+|voting\s+|votes?\s+|were\s+|cast\s+(?:their\s+)?"
        rf"(?:votes?\s+)?)?(?:in\s+favou?r\b|for\b(?!\s+(?:the\s+)?(?:first|second|third|"
        rf"\d|years?|decades?|months?|weeks?|days?|the\s+past|a\s+|an\s+))|yes\b|\"yes\"|'yes'|"
        rf"supporting\b|backing\b|backed\b|supported\b|approving\b|approved\b|endorsed\b)", I)),
    ("yes", re.compile(rf"\b(?:support|backing|votes|approval)\s+of\s+{_Q}{_N}{_WHO}", I)),
    ("yes", re.compile(rf"\b(?:won|received|got|garnered|secured|drew|gained|obtained|"
                       rf"mustered|attracted)\s+(?:the\s+)?(?:support\s+of\s+)?{_Q}{_N}"
                       rf"(?:\s+(?:votes?|yes\s+votes|countries|nations|states|members|"
                       rf"ballots))", I)),
    # press-release style "In favour: 93", "Against: 18"
    ("yes", re.compile(rf"\b(?:in\s+favou?r|yes|for)\s*[:=]\s*{_N}\b", I)),
    ("no", re.compile(rf"\b(?:against|no)\s*[:=]\s*{_N}\b", I)),
    ("abstain", re.compile(rf"\b(?:abstentions?|abstaining|abstain)\s*[:=]\s*{_N}\b", I)),
]
# "93-18-65", "93 to 18 with 65 abstentions" (the third count is matched by TALLY_PARTS),
# "by a vote of 12-2-1", "a 14-1 vote"
_SEP = r"\s*(?:-|to|–|—)\s*"
TALLY_SERIES = re.compile(
    rf"(?<![\w/.,-])(?P<a>{NUMBER}){_SEP}(?P<b>{NUMBER})(?:\s*(?:-|–|—)\s*(?P<c>{NUMBER}))?"
    rf"(?![\w/-])", I)
# a series only counts as a tally when the sentence is about voting
VOTE_CONTEXT = re.compile(
    r"\bvot(?:e|es|ed|ing)\b|\badopt|\bpass(?:ed|es)?\b|\bapprov|\breject|\bdefeat|\btally|"
    r"\bmargin|\bfail|\bballot|\bin\s+favou?r|\bagainst\b|\babstention", I)
UNANIMOUS = re.compile(
    r"\bunanimous(?:ly)?\b|\bwithout\s+(?:a\s+(?:single\s+)?)?(?:dissent|objection)|"
    r"\ball\s+(?P<n>" + NUMBER + r")\s+(?:council\s+)?members(?:\s+of\s+the\s+(?:security\s+)?"
    r"council)?\s+voted\s+(?:in\s+favou?r|for)", I)
# zero counts: "none against", "no abstentions"
TALLY_ZERO: list[tuple[str, re.Pattern[str]]] = [
    ("no", re.compile(r"\b(?:none|nobody|no\s+one|no\s+(?:country|state|member|nation|"
                      r"delegation))\s+(?:voted\s+|voting\s+)?(?:against|opposed)\b|"
                      r"\bno\s+(?:votes?|one)\s+against\b|\bno\s+(?:negative|\"no\")\s+votes?\b", I)),
    ("abstain", re.compile(r"\bno\s+abstentions?\b|\b(?:none|no\s+one|nobody)\s+abstain(?:ed|ing)\b",
                           I)),
]

MEMBERSHIP = re.compile(
    rf"(?<![\w,.])(?P<n>{NUMBER})[- ](?:member|nation|seat)(?:s)?(?:\s+(?:UN|U\.N\.|United\s+Nations|world))?"
    rf"\s+(?P<body>General\s+Assembly|Assembly|Security\s+Council|Council|body|organi[sz]ation|"
    rf"world\s+body|chamber|forum)\b"
    rf"|\b(?:all|the)\s+(?P<n2>{NUMBER})\s+(?:UN\s+|U\.N\.\s+)?member\s+(?:states|countries|nations)\b"
    rf"|\b(?:the\s+)?(?P<body3>Assembly|Council|UN|United\s+Nations)'s\s+(?P<n3>{NUMBER})\s+"
    rf"(?:member\s+states|members)\b", I)

# Position cues: (pattern, position). Y yes, N no, A abstain, X non-voting, V veto.
POSITION_CUES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, I), pos) for p, pos in [
    ((r"\b(?:cast|used|wielded|exercised|employed|invoked)\s+(?:(?:its|their|a|his|her)\s+)?"
     r"(?:\w+\s+)?vetoe?s?\b|\bvetoe[sd]\b|\bvetoing\b"), "V"),
    ((r"\b(?:did|could)\s+not\s+(?:vote|take\s+part|participate|cast\s+a\s+vote)\b(?!\s+(?:for|against|in\s+"
     r"favou?r|yes|no)\b)|\b(?:was|were)\s+(?:absent|not\s+present)\b|\bstayed\s+away\b|"
     r"\bboycott(?:ed|ing)\s+the\s+(?:vote|meeting|session)|\bskipped\s+the\s+vote|"
     r"\bwalked\s+out\b|\bnot\s+voting\b|\b(?:was|were)\s+absent\b"), "X"),
    (r"\babstain(?:ed|ing|s)?\b|\b(?:chose|decided|opted)\s+to\s+abstain\b|\babstentions?\b", "A"),
    ((r"\bvot(?:ed|ing|es?)\s+(?:against|no\b|\"no\"|'no')|\bled\s+the\s+opposition\b|"
     r"\bjoined\s+the\s+(?:opposition|"
     r"no\s+camp|naysayers|minority)\b|"
     r"\bvot(?:ed|ing)\s+(?:(?!for\b|in\b|favou?r\b|to\b)[\w-]+\s+){1,3}against\b|\bopposed\s+(?:the|this|a|it)\b|"
     r"\bopposing\s+(?:the|this|a|it)\b|\brejected\s+(?:the|this|a|it)\b|\bvoting\s+against\b|"
     r"\bcast\s+(?:a|its|their)\s+(?:\"no\"|no|negative)\s+votes?\b|\b(?:was|were)\s+against\b|"
     r"\b(?:those|countries|nations|states|members|delegations)\s+against\b|"
     r"\bopposed\b(?=\s*[,.;:]|\s*$)"), "N"),
    ((r"\bvot(?:ed|ing)\s+(?:(?!against\b|to\b|with\b|alongside\b)[\w-]+\s+){1,2}in\s+favou?r\b|"
     r"\bvot(?:ed|ing|es?)\s+(?:in\s+favou?r|for|yes\b|\"yes\"|'yes'|to\s+(?:adopt|approve|"
     r"condemn|demand|support|back|endorse|call|recogni[sz]e|admit|reaffirm|suspend|declare))|"
     r"\b(?:backed|supported|endorsed|approved|co-?sponsored\s+and\s+voted\s+for)\s+(?:the|this|a|"
     r"it|its)\b(?!\s+(?:position|stance|view|line|side|call|effort|bid|claim))|"
     r"\b(?:those|countries|nations|states|members|delegations|votes?)\s+(?:voting\s+)?"
     r"in\s+favou?r\b"), "Y"),
]]
# Partner cues: "voted alongside Russia", "sided with Moscow", "broke with its allies".
# (pattern, same) -- same=False for a break.
PARTNER_CUES: list[tuple[re.Pattern[str], bool]] = [(re.compile(p, I), same) for p, same in [
    ((r"\b(?:broke|breaking|break|split|splitting|parted|parting|diverged|diverging)\s+"
     r"(?:ranks\s+|ways\s+)?(?:with|from)\b|\bvot(?:ed|ing)\s+differently\s+(?:from|than)\b|"
     r"\bunlike\b"), False),
    ((r"\bvot(?:ed|ing|es)\s+(?:alongside|along\s+with|together\s+with|with|the\s+same\s+way\s+as|"
     r"in\s+line\s+with|like)\b|\b(?:sided|siding|sides)\s+with\b|\bjoin(?:ed|ing|s)\b|"
     r"\b(?:backed|backing|supported|supporting|stood\s+with|standing\s+with|stood\s+by)\b|"
     r"\blin(?:ed|ing)\s+up\s+(?:with|behind)\b|\b(?:came|come|coming|comes)\s+down\s+on\b|"
     r"\btook\b(?=\s+(?:the\s+)?[A-Z][\w .-]{1,30}'s\s+side)|\balign(?:ed|ing)\s+(?:itself\s+|themselves\s+)?"
     r"with\b|\balongside\b|\bin\s+step\s+with\b|\bfollowed\b|\b(?:echoed|mirrored)\b"), True),
]]

# History cues: (pattern, type). first: "for the first time"; habit: "historically
# supported"; change: "a reversal"; extreme: "closer than ever".
HISTORY_CUES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, I), kind) for p, kind in [
    ((r"\b(?:for\s+the\s+)?first\s+time(?:\s+(?:ever|in\s+(?:its|their|the\s+body's)\s+history|"
     r"since\s+(?P<since>(?:19|20)\d\d)))?\b"), "first"),
    ((r"\bthan\s+ever(?:\s+before)?\b|\bclosest\s+(?:ever|in\s+(?:decades|years))|"
     r"\bfurthest\s+(?:ever|in\s+(?:decades|years))"), "extreme"),
    ((r"\b(?:historically|traditionally|consistently|invariably|long)\s+(?:supported|backed|"
     r"voted|sided|opposed|condemned|abstained|stood)\b|\bhas\s+(?:always|consistently|long|"
     r"repeatedly|previously|traditionally|historically)\b|\bhave\s+(?:always|consistently|long|"
     r"repeatedly|previously|traditionally|historically)\b|\bhad\s+(?:always|consistently|"
     r"previously|long|repeatedly)\b|\bpreviously\s+(?:voted|backed|supported|opposed|sided|"
     r"abstained|condemned)\b|\b(?:every|each)\s+year\s+since\s+(?P<since2>(?:19|20)\d\d)\b|"
     r"\bon\s+(?:every|all|each)\s+(?:such|similar|previous|earlier)\s+(?:resolutions?|votes?|"
     r"texts?|measures?)\b|\b(?:in|on|for)\s+every\s+(?:previous|earlier|prior|past|other)\s+"
     r"(?:years?|votes?|sessions?|occasions?|resolutions?)\b|\bevery\s+(?:earlier|previous|"
     r"prior)\s+(?:\w+\s+){0,2}(?:resolutions?|votes?|texts?)\b|\bnever\s+before\b|"
     r"\bfor\s+the\s+\d+(?:st|nd|rd|th)\s+(?:time|year|consecutive)"), "habit"),
    ((r"\b(?:significant|major|dramatic|sharp|marked|notable|stark|striking|clear|broad|broader|"
     r"historic|radical|abrupt|sudden)\s+(?:\w+\s+)?(?:shift|departure|reversal|change|break|"
     r"turnaround|u-turn|about-face)\b|\b(?:a|the|its|this)\s+(?:reversal|departure|u-turn|"
     r"about-face|turnaround)\b|\breversed\s+(?:its|their|course)\b|\breversing\s+(?:its|their|"
     r"course)\b|\bdeparture\s+from\b|\bbreak(?:ing)?\s+with\s+(?:its|their)\s+(?:past|"
     r"tradition|previous|long-standing|usual|earlier)\b|\bchanged\s+(?:its|their)\s+"
     r"(?:vote|position|stance)\b|\bswitched\s+(?:its|their|sides)\b|\bu-turn\b"), "change"),
]]
# words that make a clause about earlier votes (its positions then belong to a history claim)
HABITUAL_CONTEXT = re.compile(
    r"\bhistorically\b|\btraditionally\b|\bpreviously\b|\bin\s+the\s+past\b|\bhas\s+always\b|"
    r"\bhave\s+always\b|\bhad\s+always\b|\bconsistently\b|\b(?:on|in)\s+(?:similar|previous|"
    r"earlier|past|such|every\s+such|all\s+such|prior)\s+(?:resolutions|votes|texts|measures|"
    r"occasions)\b|\bevery\s+year\b|\bfor\s+(?:years|decades)\b|\buntil\s+now\b|\bhad\s+"
    r"(?:voted|backed|supported|opposed|sided|abstained)\b|\blast\s+year\b|\bin\s+(?:19|20)\d\d\b",
    I)

OUTCOMES: list[tuple[re.Pattern[str], str]] = [(re.compile(p, I), outcome) for p, outcome in [
    ((r"\b(?:was|were|been|being|is)\s+vetoed\b|\bvetoed\s+(?:the|a|an|this|it)\b|"
     r"\bblocked\s+by\s+(?:a\s+|the\s+)?(?:\w+\s+){0,3}veto\b|\bveto(?:ed)?\s+by\b"), "vetoed"),
    ((r"\b(?:was|were|been|being|is)\s+(?:\w+ly\s+)?(?:rejected|defeated|voted\s+down|not\s+"
     r"adopted)\b|\bfailed\s+to\s+(?:pass|be\s+adopted|win|secure|get|garner|gain|obtain|muster|"
     r"receive|attract|draw)\b|\bdid\s+not\s+pass\b|\bfell\s+short\b|\bwas\s+not\s+adopted\b|"
     r"\b(?:draft|resolution|text|measure|motion)\s+failed\b|"
     r"\b(?:Assembly|Council|body|members|states|countries|nations|delegates)\s+(?:\w+\s+){0,2}?"
     r"(?:rejected|defeated|voted\s+down)\s+(?:the|a|an|this)\b"), "rejected"),
    ((r"\b(?:was|were|been|being|is)\s+(?:\w+ly\s+)?(?:adopted|passed|approved|carried)\b|"
     r"\b(?:Assembly|Council|body|members|states|countries|nations|delegates)\s+(?:[\w,]+\s+)"
     r"{0,6}?(?:adopted|passed|approved|endorsed)\b(?!\s+by\b)|"
     r"\b(?:Assembly|Council)\s+voted\s+(?:[\w-]+\s+){0,4}?to\s+(?!reject|block|defeat)\w+|"
     r"\b(?:adopting|approving|passing)\s+(?:a|the|an)\s+(?:[\w-]+\s+){0,3}(?:resolution|text|"
     r"draft|measure|plan|declaration)\b|"
     r"\b(?:adopted|passed|approved)\s+(?:a|the|its|an)\s+(?:[\w-]+\s+){0,4}(?:resolution|text|"
     r"draft|measure|motion|declaration)\b|\b(?:resolution|text|measure|motion|draft)\s+"
     r"(?:\w+ly\s+)?(?:passed|carried)\b|\bwon\s+(?:approval|adoption)\b"), "adopted"),
]]

_SPONSOR_VERBS = (r"introduced|tabled|drafted|sponsored|co-sponsored|cosponsored|put\s+forward|"
                  r"proposed|submitted|presented|penned|authored|brought\s+forward|written|"
                  r"prepared|championed|spearheaded")
SPONSOR_AFTER = re.compile(rf"\b(?:{_SPONSOR_VERBS})\s+by\b", I)  # "... drafted by" LIST
SPONSOR_BEFORE = re.compile(  # LIST "drafted the resolution"
    rf"\s*(?:had\s+|has\s+|have\s+|jointly\s+|also\s+)*(?:{_SPONSOR_VERBS})\s+(?:the|a|an|this|"
    rf"its|their)\b", I)
SPONSOR_COMPOUND = re.compile(  # "the US-drafted text": a mention directly before
    r"-(?:drafted|sponsored|led|authored|penned|proposed|backed|written|tabled|introduced)\b", I)

# Where one clause ends and another starts inside a sentence.
CLAUSE_BREAK = re.compile(
    r";|\s+but\s+|\s+while\s+|\s+whereas\s+|\s+although\s+|,\s+with\s+|\s+whilst\s+|"
    r"\s+-\s+|,\s+as\s+|:\s+|,\s+(?=and\s+so\s+did\b)", I)
