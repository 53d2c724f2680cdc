"""The keyword rules that tag a vote with topics, and :func:`classify`.

The rules are ordered data (:data:`RULES`), explained rule by rule in ``docs/topics.md``.

>>> sorted(classify(title="Question of Namibia", agenda_item="Self-determination"))
[<Topic.COLONIALISM: 'colonialism'>]
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from unvotes.topics.vocabulary import Topic

__all__ = ["RULES", "Rule", "classify", "normalise_text"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One keyword rule: if ``pattern`` matches the vote's text, the vote is (``include``)
    or is not (``include=False``) of ``topic``.

    ``pattern`` (and ``requires``, if set, which must match too) is searched in the
    normalised text (see :func:`normalise_text`); ``since``/``until`` limit the rule to
    votes on or after/before a day (a vote of unknown date passes the limits). ``why``
    says what the rule is for.
    """

    topic: Topic
    pattern: re.Pattern[str]
    include: bool = True
    since: datetime.date | None = None
    until: datetime.date | None = None
    requires: re.Pattern[str] | None = None
    why: str = ""

    def applies(self, text: str, day: datetime.date | None) -> bool:
        """True if the rule's patterns match ``text`` and ``day`` is within its limits."""
        if day is not None:
            if self.since is not None and day < self.since:
                return False
            if self.until is not None and day >= self.until:
                return False
        if self.requires is not None and self.requires.search(text) is None:
            return False
        return self.pattern.search(text) is not None


def _rule(topic: Topic, pattern: str, why: str, *, include: bool = True,
          since: datetime.date | None = None, until: datetime.date | None = None,
          requires: str | None = None) -> Rule:
    return Rule(topic, re.compile(pattern), include, since, until,
                re.compile(requires) if requires is not None else None, why)


_UA_SINCE = datetime.date(2014, 1, 1)  # Russia's annexation of Crimea
# A text about Israel and the territories it occupied in 1967.
_ISRAEL = r"\bISRAEL|\bPALESTIN|\bARAB\b|\bSYRIAN\b|\bGOLAN\b|\bJERUSALEM\b|\b1967\b"
ME, NU, DI, HR, CO, EC, UA = (Topic.MIDDLE_EAST, Topic.NUCLEAR, Topic.DISARMAMENT,
                              Topic.HUMAN_RIGHTS, Topic.COLONIALISM, Topic.DEVELOPMENT,
                              Topic.UKRAINE)

# The rules, grouped by topic. Within a topic the FIRST rule whose pattern matches
# decides (include or exclude), so each exception stands before the general rule it
# limits; a vote no rule of a topic matches is not of that topic. Patterns run on the
# normalised text: upper case, every run of non-letters/digits a single space.
RULES: tuple[Rule, ...] = (
    # ---- ukraine: the Russia–Ukraine votes since 2014 --------------------------------
    _rule(UA, r"\bCHE?RNO?BYL\b", "the Chernobyl resolutions are disaster relief, even when "
          "voted on (A/RES/80/111, 2025)", include=False),
    _rule(UA, r"\b(OF|AGAINST|IN) UKRAINE\b|\bUKRAINIAN\b|\bCRIMEA\b|\bSEVASTOPOL\b",
          "about Ukraine, Crimea or Sevastopol ('Territorial integrity of Ukraine'), not "
          "Ukraine in a list of sponsors", since=_UA_SINCE),
    _rule(UA, r"\bUKRAINE\b", "the thesaurus subjects UKRAINE with AGGRESSION, ANNEXATION or "
          "RUSSIAN FEDERATION", since=_UA_SINCE,
          requires=r"\bAGGRESSION\b|\bANNEXATION\b|\bRUSSIAN FEDERATION\b"),
    _rule(UA, r"^THE PATH TO PEACE\b", "A/RES/ES-11/8 (2025) names no country",
          since=datetime.date(2025, 1, 1)),
    # ---- me: the Palestinian conflict, the Arab–Israeli wars ---------------------------
    _rule(ME, r"\bPALESTIN|\bISRAEL|\bJERUSALEM\b|\bGAZA\b|\bWEST BANK\b|\bUNRWA\b|"
              r"\bGOLAN\b|\bZIONIS|\bINTIFAD", "the conflict's names"),
    _rule(ME, r"\bOCCUPIED (ARAB|SYRIAN)\b|\b1967\b|\bNEAR EAST\b",
          "the territories occupied in 1967, UNRWA's 'Near East'"),
    _rule(ME, r"\bLEBAN", "UNIFIL and Israel's wars in Lebanon"),
    _rule(ME, r"\bMIDDLE EAST\b", "'the situation in the Middle East'"),
    # ---- nu: nuclear weapons and material -----------------------------------------------
    _rule(NU, r"\bNUCLEAR\b|\bATOMIC\b|\bFISSI(LE|ONABLE)\b|\bTEST BAN\b|\bDENUCLEARI|"
              r"\bTHERMONUCLEAR\b|\bIAEA\b|\bRADIOACTIV|\bURANIUM\b", "nuclear vocabulary"),
    _rule(NU, r"\bRELATIONS BETWEEN (ISRAEL AND SOUTH AFRICA|SOUTH AFRICA AND ISRAEL)\b|"
              r"\bSOUTH AFRICA ISRAEL\b", "the Israel–South Africa (nuclear) collaboration"),
    # ---- di: arms control and disarmament ---------------------------------------------
    _rule(DI, r"\bDISARM|\bARMS\b|\bARMAMENT|\bPROLIFERATION\b",
          "disarmament, arms and proliferation words decide"),
    _rule(DI, r"\bTEST BAN\b|\bNUCLEAR (WEAPON )?TEST|\bDENUCLEARI|\bWEAPON FREE\b|"
              r"\bZONE OF PEACE\b", "nuclear tests and zones are Voeten's nu, not di",
          include=False),
    _rule(DI, r"\bWEAPON|\bMILITARY (BUDGET|EXPENDITURE|COLLABORATION)|\bMINES\b|"
              r"\bMUNITIONS\b|\bMISSILE|\bGENEVA PROTOCOL\b",
          "weapons, mines, missiles, military budgets"),
    # ---- hr: human rights -------------------------------------------------------------
    _rule(HR, r"\bISRAELI PRACTICES\b", "Voeten coded the Special Committee's reports on "
          "Israeli practices hr only before 1980 and from 2000", include=False,
          since=datetime.date(1980, 1, 1), until=datetime.date(2000, 1, 1)),
    _rule(HR, r"\bHUMAN RIGHTS?\b|\bAPARTHEID\b|\bRACIS|\bRACIAL\b|\bGENOCIDE\b|"
              r"\bTORTURE\b|\bMERCENAR|\bDISCRIMINATION\b", "rights vocabulary"),
    _rule(HR, r"\bRIGHTS?\b(?! AND DUTIES)", "'the rights of ...', 'the right to ...'"),
    _rule(HR, r"\bWOMEN\b|\bCHILD|\bDEATH PENALTY\b|\bCAPITAL PUNISHMENT\b|\bFREEDOMS?\b|"
              r"\bDISAPPEAR|\bINDIGENOUS\b|\bMINORIT|\bNAZIS|\bXENOPHOB|\bINTOLERANCE\b|"
              r"\bEXECUTIONS\b|\bDEMOCRATIC (AND EQUITABLE )?INTERNATIONAL ORDER\b",
          "groups and freedoms the human-rights items name"),
    # ---- co: colonialism, self-determination, trust territories ----------------------
    _rule(CO, r"\bPOLITICAL INDEPENDENCE\b(?!.*\bCOLONI)", "a state's 'political independence "
          "and territorial integrity' is not decolonization", include=False),
    _rule(CO, r"\bCOLONI|\bDECOLONI|\bSELF DETERMINATION\b|\bNON SELF GOVERNING\b|"
              r"\bTRUST TERRITOR|\bTRUSTEESHIP\b|\bINDEPENDENCE\b|\bDEPENDENT TERRITOR|"
              r"\bNATIONAL LIBERATION\b|\bMERCENAR", "colonial vocabulary"),
    _rule(CO, r"\bOCCUPIED\b|\bISRAELI PRACTICES\b|\bGENEVA CONVENTION\b",
          "Voeten codes Israel's occupation as colonial too", requires=_ISRAEL),
    _rule(CO, r"\bSOUTH WEST AFRICA\b|\bRHODESIA|\bPORTUG[UE]*SE? (TERRITOR|COLONI|ADMIN)|"
              r"\bANGOLA\b|\bMOZAMBIQUE\b|\bGUINEA BISSAU\b|\bCAPE VERDE\b",
          "southern Africa and the Portuguese territories", until=datetime.date(1976, 1, 1)),
    _rule(CO, r"\bALGERIA|\bTUNISIA|\bMOROCC", "the North African independence questions",
          until=datetime.date(1963, 1, 1)),
    _rule(CO, r"\bIRIAN\b|\bNEW GUINEA\b|\bPAPUA\b|\bMAYOTTE\b|\bCOMOR|\bSPANISH SAHARA\b|"
              r"\bWESTERN SAHARA\b|\bIFNI\b|\bGIBRALTAR\b|\bFALKLAND|\bMALVINAS\b|\bTIMOR\b|"
              r"\bNEW CALEDONIA\b|\bSOMALILAND\b|\bADEN\b|\bOMAN\b|\bFIJI\b|\bCOOK ISLANDS\b|"
              r"(?<!DEVELOPMENT )\bGUAM\b|\bSAMOA\b|\bTOKELAU\b|\bBERMUDA\b|\bVIRGIN ISLANDS\b|\bCAYMAN\b|"
              r"\bMONTSERRAT\b|\bTURKS AND CAICOS\b|\bANGUILLA\b|\bBASUTOLAND\b|"
              r"\bBECHUANALAND\b|\bSWAZILAND\b|\bPITCAIRN\b|\bST HELENA\b|\bSEYCHELLES\b|"
              r"\bCHAGOS\b|\bBELIZE\b|\bBRITISH HONDURAS\b|\bTOGO(LAND)?\b|\bCAMEROONS?\b|\bURUNDI\b|"
              r"\bTANGANYIKA\b|\bITALIAN COLONIES\b|\bERITREA|\bPUERTO RIC",
          "territories on the decolonization agenda (GUAM, not the Organization for "
          "Democracy and Economic Development-GUAM)"),
    # ---- ec: economic development -----------------------------------------------------
    _rule(EC, r"\bHUMAN RIGHTS\b.*\bCOERCI|\bCOERCI.*\bHUMAN RIGHTS\b",
          "'human rights and unilateral coercive measures' is hr only", include=False),
    _rule(EC, r"\bOIL EMBARGO\b|\bEMBARGO AGAINST SOUTH AFRICA\b|\bPEACEKEEPING\b|"
              r"\b(INTERIM|EMERGENCY|OBSERVER|PEACE KEEPING) FORCES?\b|\bFINANCING OF THE "
              r"(UN|UNITED NATIONS|INTERNATIONAL TRIBUNAL)\b|\bSCALE OF ASSESSMENTS?\b",
          "sanctions on South Africa, peacekeeping budgets and the scale of assessments "
          "are not development",
          include=False),
    _rule(EC, r"\bDEVELOP|\bECONOMIC\b|\bTRADE\b|\bDEBT\b|\bEMBARGO\b|\bINDUSTRIAL|"
              r"\bUNIDO\b|\bUNCTAD\b|\bCOMMODIT|\bINVESTMENT|\bECOSOC\b|\bSOCIAL\b|"
              r"\bCOERCI|\bLAND LOCKED\b", "economic vocabulary"),
    _rule(EC, r"\bBUDGET|\bFINANC|\bAPPROPRIATION|\bEXPENSES\b|\bESTIMATES\b|"
              r"\bWORKING CAPITAL\b|\bCONTRIBUTIONS\b",
          "the UN's own budget: Voeten codes most budget votes ec"),
)


def normalise_text(*parts: str | None) -> str:
    """The text the rules read: the parts joined, upper case, punctuation as spaces.

    Example: ``normalise_text("Non-self-governing", "U.N.") == "NON SELF GOVERNING U N"``.
    """
    joined = " ".join(p for p in parts if p)
    return re.sub(r"[^A-Z0-9]+", " ", joined.upper()).strip()


def _decide(rules: Sequence[Rule], text: str, day: datetime.date | None) -> bool:
    for rule in rules:
        if rule.applies(text, day):
            return rule.include
    return False


_BY_TOPIC: dict[Topic, tuple[Rule, ...]] = {
    topic: tuple(r for r in RULES if r.topic is topic) for topic in Topic}


def classify(*, title: str | None, agenda_item: str | None, subjects: Sequence[str] = (),
             date: datetime.date | None = None) -> frozenset[Topic]:
    """The topics the keyword rules give a vote (possibly none).

    ``date`` limits the date-bound rules (``ukraine`` only from 2014); without a date
    they apply. Never raises on text. Example:
    ``classify(title="Question of Gibraltar", agenda_item=None) == {Topic.COLONIALISM}``.
    """
    text = normalise_text(title, agenda_item, *subjects)
    return frozenset(t for t, rules in _BY_TOPIC.items() if _decide(rules, text, date))

