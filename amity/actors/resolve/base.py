"""What every rule family shares: the word lists, the rules' names, the mention being built and
the per-document context the rules read and write."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from spacy.tokens import Doc

from amity.actors.gazetteer import Entry, Senses
from amity.models import Actor

UNKNOWN = "---"  # PETRARCH's code for an actor whose country is not known
DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "both", "two", "three", "these", "those", "all"}
COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4}
POSTING_PREPS = {"to", "in", "at"}
COORD = {"and", "or", ",", "&"}
HEAD_WORDS = {"head", "chief", "director", "commander", "chairman", "chair", "leader", "spokesman",
              "spokeswoman", "spokesperson", "secretary-general", "secretary general", "deputy",
              "president", "minister", "member", "officer"}
PLACE_SUFFIXES = {"based", "born", "headquartered", "area", "region", "bound", "style", "made", "listed"}
IN_EXCLUDED = {"MIL", "DIP", "SPY"}  # "the junta in Niger" is Niger's; "troops in Niger" may not be
DIP_POSTING_ROLES = {"ambassador", "envoy", "consul", "chargé d'affaires", "diplomat"}

Cand = tuple[int, int, Entry]  # a gazetteer match: start token, end token, entry


class Rule(StrEnum):
    """The rule that made a mention. The values are stored (``mentions.rule``) and shown to
    users: never change one. A StrEnum, so a member equals, formats and prints as its value."""

    # states and bodies named outright (states.py)
    COUNTRY = "country"
    ADJECTIVE = "adjective"
    CAPITAL = "capital"
    IGO = "igo"
    INSTITUTION = "institution"
    USER_COUNTRY = "user:country"
    USER_ADJECTIVE = "user:adjective"
    USER_CAPITAL = "user:capital"
    USER_IGO = "user:igo"
    USER_INSTITUTION = "user:institution"
    SHIP = "ship"
    COMPOUND = "compound"  # a part of a hyphenated token ("Japan" in "U.S.-Japan")
    # heads: titles and institutions (heads.py)
    USER_DATED = "user:dated"
    INSTITUTION_IN = "institution in"
    COORDINATED = "coordinated"
    POSSESSIVE = "possessive"
    MODIFIER = "modifier"
    TITLE_NAME = "title+name"
    BODY_TITLE = "body+title"
    TITLE_IN = "title in"
    TITLE = "title"
    MEMORY = "memory"  # a reference left pending for document memory
    # links after construction (links.py, names.py)
    TITLE_OF = "title of"
    APPOSITION = "apposition"
    POSSESSIVE_NAME = "possessive name"
    # document memory (amity.actors.memory)
    MEMORY_NAME = "memory:name"
    MEMORY_ROLE = "memory:role"
    MEMORY_GROUP = "memory:group"
    MEMORY_STATES = "memory:states"
    MEMORY_IGO = "memory:igo"
    MEMORY_MAIN_COUNTRY = "memory:main-country"
    TITLE_NAME_MEMORY = "title+name:memory"
    TITLE_NAME_PEOPLE = "title+name:people"
    TITLE_NAME_IGO = "title+name:igo"
    TITLE_NAME_BODY = "title+name:body"
    PEOPLE = "people"
    COUNTERPART = "counterpart"


# the rule of a state named by a gazetteer entry of each kind (a coded institution otherwise)
STATE_RULES = {"name": Rule.COUNTRY, "adjective": Rule.ADJECTIVE, "capital": Rule.CAPITAL, "igo": Rule.IGO}
USER_RULES = {Rule.COUNTRY: Rule.USER_COUNTRY, Rule.ADJECTIVE: Rule.USER_ADJECTIVE, Rule.CAPITAL: Rule.USER_CAPITAL,
              Rule.IGO: Rule.USER_IGO, Rule.INSTITUTION: Rule.USER_INSTITUTION}
# a state named by its name or capital (or an IGO): what "the president of ..." takes whole
NAMED_STATES = frozenset({Rule.COUNTRY, Rule.CAPITAL, Rule.IGO, Rule.USER_COUNTRY})


@dataclass
class Found:
    """A mention being built: token span (or char span for parts of a token), actor, rule."""

    start_char: int
    end_char: int
    actor: Actor | None
    rule: Rule
    start: int = -1  # token index, -1 for a part of a token ("Japan" in "U.S.-Japan")
    end: int = -1
    pending: str | None = None  # name | role | group | counterpart
    count: int = 1  # "the two ministers" refers to two actors
    key: tuple[str, ...] = ()  # name tokens or role words for memory look-ups
    sent: int = 0
    head: tuple[str, ...] = ()  # the head's words ("ministry of defense"): "the ministry" finds it
    also: list[Actor] = field(default_factory=list)  # more actors on the same span ("[FRO/BIL]")
    state: bool = False  # a reference to states ("the two countries"), for memory
    plural: bool = False  # a plural head ("the ministers")
    det: str = ""  # the determiner before a pending reference ("the", "both")
    name: str | None = None  # a person's name whose actor memory finds ("Koizumi")


@dataclass
class DocContext:
    """What the rules know about one Doc while they run; built afresh for every document."""

    doc: Doc
    senses: Senses
    cand_tokens: set[int]  # tokens of gazetteer matches other than names from the people table
    people_spans: list[tuple[int, int]]  # names from the people table
    places: dict[int, Cand] = field(default_factory=dict)  # places, not actors ("talks in Tokyo"), by start
    by_start: dict[int, Cand] = field(default_factory=dict)  # candidates kept, by start token
    by_end: dict[int, Cand] = field(default_factory=dict)  # and by end token
    used: set[int] = field(default_factory=set)  # start tokens of candidates consumed by a larger mention
    found: list[Found] = field(default_factory=list)  # the mentions made so far, in order
    dropped: set[int] = field(default_factory=set)  # ids of mentions merged into a later one

    def make(self, start: int, end: int, actor: Actor | None, rule: Rule, **kw) -> Found:
        span = self.doc[start:end]
        return Found(span.start_char, span.end_char, actor, rule, start, end, **kw)
