"""The CAMEO verb dictionary (PETRARCH format) as a broad source of event triggers.

    from amity.events import verbdict
    cameo = verbdict.load()                 # the bundled file; load(path) reads your own
    cameo.verb("deport")                    # VerbEntry(lemma, cameo, plover, block, line)
    cameo.match(token)                      # Match for a spaCy verb token, or None

The file (amity/data/cameo/, MIT licence, see its README) has two parts.

Synonym sets: a line ``&NAME`` opens a set and the ``+WORD`` lines after it are its members.
Words joined by ``_`` or spaces are a phrase of consecutive words. A member gets its regular
plural (S, Y -> IES, SS -> ES) unless it, or the set's name, ends with ``_``; the ``_`` is
dropped, so ``&PREPOSIT1_`` is used as ``&PREPOSIT1``.

Verb blocks: ``--- NAME [code] ---`` opens a block (no code: ``---``, no event). Verb lines
follow: ``DEPORT``, ``SAY {SAYS SAID SAYING}`` (the listed forms replace the generated regular
ones; ``{}``: no other forms), ``EXPRESS [0110]`` (the verb's own code), and multiword verbs
whose verb word carries ``+``: ``+PULL_OUT``, ``RE_+ARREST``. Pattern lines
``- before * after [code]`` apply to every verb of their block:

* ``*`` the verb; words before it must occur before the verb, words after it after it, in
  order, with other words allowed in between (the gap PETRARCH allows between blank-separated
  words); ``_`` joins two elements with no gap (``TO_*``, ``*_BY_$``, ``DIPLOMATIC_RELATIONS``).
* a word matches a token whose text or lemma it is (case does not matter; ``SANCTION`` also
  matches "sanctions"); a word ending in ``_`` matches the text only. Words are whole words, as
  in PETRARCH: TABARI's truncated stems (``RESUM``, ``EXTRADIT``) match only that exact word.
* ``&NAME`` any member of the synonym set.
* ``$`` the source, ``+`` the target: a noun phrase there (its last noun or pronoun becomes
  ``Match.source_token`` / ``target_token``); ``%`` a compound actor ("A and B": source A,
  target B); ``^`` a noun phrase that is skipped.
* ``[a:b]``: code ``a`` for the event, ``b`` for its reciprocal (target toward source, e.g.
  042 visit : 043 host), kept as ``Match.reverse_cameo``; ``[---]``: the words mean no event.

Comments (``#`` and the legacy ``;``) are dropped. Skipped, each with a ``file:line: reason``
in ``VerbDictionary.warnings`` (as PETRARCH skips them): patterns naming an undefined synonym
set, patterns with characters outside the notation (``{``, ``}``, ``(``, ``|``: TABARI
disjunctions), patterns without exactly one ``*`` or without a code; a ``!`` after a code is
dropped (with a warning). Raised as ``InputError`` naming ``file:line``: a verb line that does
not parse, a code that is not a CAMEO code, a verb or pattern before the first block; also an
unreadable file and a file without verb blocks (naming the file).

Matching: ``match`` tries, in order, a multiword verb of the dictionary that the words around
the token complete (for one particle, spaCy's ``prt`` child counts even when not adjacent:
"handed the suspect over" -> "hand over"), then the token's lemma (then its text, through the
listed and generated forms). Of the first entry found, the most specific pattern of its blocks
that matches the sentence wins (most words, then most actor slots, then file order), else the
entry's default. A verb listed in several blocks takes its default from the first and its
patterns from all. Patterns are matched within the verb's sentence (``token.sent``; the whole
document when it has no sentence boundaries). Parsing is lazy: nothing happens at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from amity.errors import InputError

DEFAULT_FILE = "CAMEO.verbpatterns.150430.txt"
NO_EVENT = "---"
SLOTS = frozenset("$+%^")
_CODE = re.compile(r"^(?:---|\d{2,4})$")
_HEADER = re.compile(r"^---\s*(?P<name>[^\[\s-][^\[]*?)\s*(?:\[(?P<code>[^\]]*)\])?\s*(?:---)?$")
_WORD = re.compile(r"^[A-Z0-9][A-Z0-9'./-]*$")
_NP_POS = frozenset({"DET", "ADJ", "NUM", "PROPN", "NOUN", "PRON"})
_NOMINAL = frozenset({"PROPN", "NOUN", "PRON"})


class _Word(NamedTuple):
    forms: frozenset[str]  # upper-case spellings accepted
    exact: bool  # the token's text only, not its lemma


Phrase = tuple[_Word, ...]


@dataclass(frozen=True, slots=True)
class _Element:
    kind: str  # "words" | "$" | "+" | "%" | "^"
    phrases: tuple[Phrase, ...] = ()  # "words": a literal (one phrase) or a synonym set
    glued: bool = False  # joined to what precedes it by '_': no gap
    words: int = 0  # words in its shortest phrase ('CEASE-FIRE' is one): its specificity
    first: frozenset[str] = frozenset()  # spellings of the first word of any phrase
    by_first: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)  # spelling -> phrases


def _words_element(phrases: tuple[Phrase, ...], glued: bool) -> _Element:
    words = min(len(p) - 2 * sum(w.forms == {"-"} for w in p) for p in phrases) if phrases else 0
    by_first: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        for form in phrase[0].forms:
            by_first.setdefault(form, []).append(phrase)
    return _Element("words", phrases, glued, words, frozenset(by_first),
                    {k: tuple(v) for k, v in by_first.items()})


@dataclass(frozen=True)
class Pattern:
    text: str  # as written, without the leading '-', the code and the comment
    cameo: str
    reverse_cameo: str | None
    before: tuple[_Element, ...]
    after: tuple[_Element, ...]
    star_glued: bool  # "X_*": the last element before the verb touches it
    must: frozenset[str]  # spellings that must all occur in the sentence (one-spelling words)
    needs: tuple[frozenset[str], ...]  # per other word element, spellings of which one must occur
    weight: tuple[int, int]  # (words, actor slots): larger is more specific
    line: int


@dataclass(frozen=True)
class Block:
    name: str
    cameo: str
    line: int
    patterns: tuple[Pattern, ...] = ()


@dataclass(frozen=True)
class VerbEntry:
    lemma: str  # lower case; multiword verbs space-joined ("pull out", "re arrest")
    cameo: str  # as in the file ("0312", "---")
    plover: str | None  # None for "---" and for codes outside amity's sixteen types
    block: str
    line: int


@dataclass(frozen=True)
class Match:
    lemma: str  # the dictionary verb that matched
    cameo: str
    plover: str | None
    pattern: str | None  # the pattern's text; None for the verb's default
    specific: bool  # a pattern matched (False: the block or verb default)
    source_token: Any = None  # spaCy Token at '$' (or the first part of '%')
    target_token: Any = None  # spaCy Token at '+' (or the last part of '%')
    reverse_cameo: str | None = None
    block: str = ""
    line: int = 0  # of the pattern, else of the verb

    @property
    def rule(self) -> str:
        """A stable rule name for evidence: "cameo:DEPORT:7345"."""
        return f"cameo:{self.block}:{self.line}"


class _Multi(NamedTuple):
    key: str
    before: tuple[str, ...]  # lower-case words before the verb word
    after: tuple[str, ...]


class _PatternSkipped(Exception):
    """A pattern PETRARCH would skip; recorded as a warning."""


# ---------------------------------------------------------------- reading


def _strip_comment(raw: str) -> str:
    return raw.split("#", 1)[0].split(";", 1)[0].strip()


def _plural(word: str) -> str:
    if word.endswith("SS"):
        return word + "ES"
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return word[:-1] + "IES"
    return word + "S"


def _split_word(word: str) -> list[str]:
    """'CEASE-FIRE' -> ['CEASE', '-', 'FIRE'] (spaCy splits hyphens between letters)."""
    return [w for w in re.split(r"(-)", word) if w] if len(word) > 1 else [word]


def _phrase(words: list[str], plural: bool) -> Phrase:
    pieces = [p for w in words for p in _split_word(w)]
    out = [_Word(frozenset({p}), exact=not plural) for p in pieces[:-1]]
    last = pieces[-1]
    forms = {last, _plural(last)} if plural and last[-1].isalpha() else {last}
    out.append(_Word(frozenset(forms), exact=not plural))
    return tuple(out)


def _synset_member(text: str, plural_ok: bool) -> Phrase:
    exact = text.endswith("_")
    words = [w for w in re.split(r"[_\s]+", text.strip("_")) if w]
    return _phrase(words, plural_ok and not exact)


def _code(text: str, where: str) -> tuple[str, str | None]:
    parts = [p.strip().rstrip("!") for p in text.split(":")]  # '080!': a TABARI mark, ignored
    if not 1 <= len(parts) <= 2 or not all(_CODE.match(p) for p in parts):
        raise InputError(f"{where}: [{text}] is not a CAMEO code")
    return parts[0], (parts[1] if len(parts) == 2 else None)


def _pattern_pieces(body: str) -> list[tuple[str, bool]]:
    """Split a pattern into (piece, glued-to-previous) at blanks and '_'; 'WORD_' -> exact."""
    pieces: list[tuple[str, bool]] = []
    for chunk in body.split():
        parts = chunk.split("_")
        for i, part in enumerate(parts):
            if part:
                pieces.append((part, i > 0 and bool(parts[i - 1])))
            elif i > 0 and parts[i - 1] and pieces:
                pieces[-1] = (pieces[-1][0] + "_", pieces[-1][1])
    return pieces


def _element(piece: str, glued: bool, synsets: dict[str, tuple[Phrase, ...]],
             cache: dict) -> _Element:
    """One pattern piece as an element (cached: the same pieces recur thousands of times)."""
    known = cache.get((piece, glued))
    if known is not None:
        return known
    if (piece, not glued) in cache:  # the same piece, with the other glue
        element = replace(cache[(piece, not glued)], glued=glued)
    elif piece in SLOTS:
        element = _Element(piece, glued=glued)
    elif piece.startswith("&"):
        members = synsets.get(piece[1:].rstrip("_"))
        if members is None:
            raise _PatternSkipped(f"undefined synonym set {piece}")
        element = _words_element(members, glued)
    else:
        word = piece.rstrip("_")
        if not _WORD.match(word):
            raise _PatternSkipped(f"{piece!r} is outside the pattern notation")
        exact = piece.endswith("_")
        phrase = tuple(_Word(frozenset({w}), exact) for w in _split_word(word))
        element = _words_element((phrase,), glued)
    cache[(piece, glued)] = element
    return element


def _weight(elements: list[_Element]) -> tuple[int, int]:
    return sum(e.words for e in elements), sum(e.kind in "$+%" for e in elements)


def _parse_pattern(line: str, lineno: int, where: str, synsets, cache: dict) -> Pattern:
    body = line[1:].strip()
    found = re.search(r"\[([^\]]*)\]\s*$", body)
    if found is None:
        raise _PatternSkipped("no [code] at its end")
    cameo, reverse = _code(found.group(1), where)
    text = body[: found.start()].strip()
    pieces = _pattern_pieces(text.upper())
    stars = [i for i, (p, _) in enumerate(pieces) if p == "*"]
    if len(stars) != 1:
        raise _PatternSkipped("a pattern needs exactly one *")
    star = stars[0]
    before = [_element(p, g, synsets, cache) for p, g in pieces[:star]]
    after = [_element(p, g, synsets, cache) for p, g in pieces[star + 1:]]
    firsts = [e.first for e in before + after if e.kind == "words"]
    must = frozenset(next(iter(f)) for f in firsts if len(f) == 1)
    needs = tuple(f for f in firsts if len(f) > 1)
    return Pattern(text=text, cameo=cameo, reverse_cameo=reverse, before=tuple(before),
                   after=tuple(after), star_glued=pieces[star][1], must=must, needs=needs,
                   weight=_weight(before + after), line=lineno)


def _regular_forms(base: str) -> set[str]:
    forms = {base, base + "s", base + "es", base + "ed", base + "ing"}
    if base.endswith("e"):
        forms |= {base + "d", base[:-1] + "ing"}
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    return forms


def _verb_words(spec: str) -> tuple[list[str], int]:
    """'RE_+ARREST' -> (['re', 'arrest'], 1): the words and which one is the verb."""
    words = [w for w in re.split(r"[_\s]+", spec.strip()) if w]
    head = next((i for i, w in enumerate(words) if "+" in w), 0)
    return [w.replace("+", "").lower() for w in words], head


class _VerbLine(NamedTuple):
    words: list[str]
    head: int
    forms: set[str] | None  # spellings of the verb word; None: generate the regular ones
    code: str | None


def _parse_verb_line(line: str, where: str) -> _VerbLine:
    code_m = re.search(r"\[([^\]]*)\]", line)
    forms_m = re.search(r"\{([^}]*)\}", line)
    spec = re.split(r"[\[{]", line, maxsplit=1)[0]
    rest = re.sub(r"\[[^\]]*\]|\{[^}]*\}", "", line[len(spec):]).strip()
    words, head = _verb_words(spec)
    if rest or not words or not all(_WORD.match(w.upper()) for w in words):
        raise InputError(f"{where}: not a verb line: {line!r}")
    code = _code(code_m.group(1), where)[0] if code_m else None
    forms = None
    if forms_m is not None:
        forms = {words[head]}
        for form in forms_m.group(1).split():
            fw, fh = _verb_words(form)
            forms.add(fw[head] if len(fw) == len(words) else fw[fh])
    return _VerbLine(words, head, forms, code)


@dataclass
class _Builder:
    """The reader's state while it walks the file."""

    path: str
    synsets: dict[str, tuple[Phrase, ...]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)  # of the open block
    entries: dict[str, VerbEntry] = field(default_factory=dict)
    blocks_of: dict[str, list[int]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)  # spelling -> single-word verb
    multi: dict[str, list[_Multi]] = field(default_factory=dict)  # verb word spelling -> entries
    warnings: list[str] = field(default_factory=list)
    synset: tuple[str, bool] | None = None  # (name, plurals allowed) while a set is open
    members: list[Phrase] = field(default_factory=list)
    elements: dict = field(default_factory=dict)  # (piece, glued) -> _Element

    def where(self, lineno: int) -> str:
        return f"{self.path}:{lineno}"

    def close_synset(self) -> None:
        if self.synset is not None:
            self.synsets[self.synset[0]] = tuple(self.members)
        self.synset, self.members = None, []

    def close_block(self) -> None:
        if self.blocks:
            self.blocks[-1] = Block(self.blocks[-1].name, self.blocks[-1].cameo,
                                    self.blocks[-1].line, tuple(self.patterns))
        self.patterns = []

    def line(self, raw: str, lineno: int) -> None:
        if not raw.strip():
            self.close_synset()
            return
        text = _strip_comment(raw)
        if not text:
            return
        if text.startswith("+") and self.synset is not None:
            self.members.append(_synset_member(text[1:].upper(), self.synset[1]))
            return
        self.close_synset()
        if text.startswith("&"):
            label = text[1:].split()[0].upper()
            self.synset = (label.rstrip("_"), not label.endswith("_"))
        elif text.startswith("---"):
            self.header(text, lineno)
        elif not self.blocks:
            raise InputError(f"{self.where(lineno)}: a verb or pattern before the first "
                             "'--- NAME [code] ---' block")
        elif text.startswith("-"):
            self.pattern(text, lineno)
        else:
            self.verb(text, lineno)

    def header(self, text: str, lineno: int) -> None:
        found = _HEADER.match(text)
        if found is None:
            raise InputError(f"{self.where(lineno)}: a block header is '--- NAME [code] ---': "
                             f"{text!r}")
        self.close_block()
        code = NO_EVENT
        if found.group("code"):
            code = _code(found.group("code"), self.where(lineno))[0]
        self.blocks.append(Block(found.group("name").strip() or "?", code, lineno))

    def pattern(self, text: str, lineno: int) -> None:
        try:
            where = self.where(lineno)
            self.patterns.append(_parse_pattern(text, lineno, where, self.synsets, self.elements))
            if "!]" in text:
                self.warnings.append(f"{self.where(lineno)}: '!' after the code ignored")
        except _PatternSkipped as skip:
            self.warnings.append(f"{self.where(lineno)}: pattern skipped: {skip}")

    def verb(self, text: str, lineno: int) -> None:
        parsed = _parse_verb_line(text, self.where(lineno))
        block = self.blocks[-1]
        key = " ".join(parsed.words)
        self.blocks_of.setdefault(key, [])
        if len(self.blocks) - 1 not in self.blocks_of[key]:
            self.blocks_of[key].append(len(self.blocks) - 1)
        if key in self.entries:
            return
        self.entries[key] = VerbEntry(key, parsed.code or block.cameo, None, block.name, lineno)
        spellings = parsed.forms
        if spellings is None:
            spellings = _regular_forms(parsed.words[parsed.head])
        if len(parsed.words) == 1:
            for form in sorted(spellings):
                self.forms.setdefault(form, key)
            self.forms[key] = key
            return
        words, head = parsed.words, parsed.head
        multi = _Multi(key, tuple(words[:head]), tuple(words[head + 1:]))
        for form in spellings | {parsed.words[parsed.head]}:
            self.multi.setdefault(form, []).append(multi)

    def finish(self) -> VerbDictionary:
        self.close_synset()
        self.close_block()
        if not self.blocks:
            raise InputError(f"{self.path}: no '--- NAME [code] ---' verb blocks: "
                             "not a PETRARCH verb dictionary")
        for entries in self.multi.values():
            entries.sort(key=lambda m: -(len(m.before) + len(m.after)))
        return VerbDictionary(self.path, self.synsets, tuple(self.blocks), self.entries,
                              {k: tuple(v) for k, v in self.blocks_of.items()}, self.forms,
                              {k: tuple(v) for k, v in self.multi.items()}, tuple(self.warnings))


@lru_cache(maxsize=1)
def _default_path() -> Path:
    return Path(str(resources.files("amity.data").joinpath("cameo").joinpath(DEFAULT_FILE)))


def read(path: str | Path) -> VerbDictionary:
    """Parse one file (no cache; ``load`` caches)."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read the verb dictionary {path}: {exc.strerror or exc}") from exc
    builder = _Builder(str(path))
    for lineno, raw in enumerate(lines, 1):
        builder.line(raw, lineno)
    return builder.finish()


@lru_cache(maxsize=8)
def _load_cached(path: str) -> VerbDictionary:
    return read(path)


def load(path: str | Path | None = None) -> VerbDictionary:
    """The verb dictionary at ``path`` (default: the bundled CAMEO file), parsed once per path."""
    return _load_cached(str(Path(path).resolve()) if path is not None else str(_default_path()))


# ---------------------------------------------------------------- matching


class _Sentence:
    """The words of the verb's sentence, upper-cased once for the pattern tests."""

    def __init__(self, span) -> None:
        self.tokens = list(span)
        self.start = span.start
        self.texts = [t.text.upper() for t in self.tokens]
        self.lemmas = [t.lemma_.upper() for t in self.tokens]
        self.pos = [t.pos_ for t in self.tokens]
        self.np = [p in _NP_POS or t.tag_ == "POS" for p, t in zip(self.pos, self.tokens)]
        self.bag = frozenset(self.texts) | frozenset(self.lemmas)

    def fits(self, i: int, word: _Word) -> bool:
        return self.texts[i] in word.forms or (not word.exact and self.lemmas[i] in word.forms)

    def inside_phrase(self, i: int, conjoined: bool) -> bool:
        """Token i continues a noun phrase (for '%', also a conjunct after "and" or ",")."""
        if self.np[i - 1]:
            return True
        return conjoined and i >= 2 and self.texts[i - 1] in ("AND", ",") and self.np[i - 2]

    def noun_phrase(self, i: int, hi: int, conjoined: bool) -> tuple[int, list[Any]] | None:
        """(end, heads) of the noun phrase that starts at i; heads: last noun of each conjunct."""
        heads: list[Any] = []
        j, head = i, None
        while j < hi:
            if self.np[j]:
                head = self.tokens[j] if self.pos[j] in _NOMINAL else head
                j += 1
            elif conjoined and head is not None and self.pos[j] in ("CCONJ", "PUNCT") \
                    and self.texts[j] in ("AND", ",") and j + 1 < hi and self.np[j + 1]:
                heads.append(head)
                head, j = None, j + 1
            else:
                break
        if head is None:
            return None
        return j, heads + [head]


def _element_ends(el: _Element, s: int, hi: int, sent: _Sentence) -> Iterator[tuple[int, tuple]]:
    """Each way the element can match from position s: (end, captured slots)."""
    if el.kind == "words":
        text, lemma = sent.texts[s], sent.lemmas[s]
        candidates = el.by_first.get(text, ())
        if lemma != text and lemma in el.by_first:
            candidates = tuple(dict.fromkeys(candidates + el.by_first[lemma]))
        for phrase in candidates:
            end = s + len(phrase)
            if end <= hi and all(sent.fits(s + k, w) for k, w in enumerate(phrase)):
                yield end, ()
        return
    found = sent.noun_phrase(s, hi, conjoined=el.kind == "%")
    if found is not None:
        end, heads = found
        yield end, (() if el.kind == "^" else ((el.kind, heads[0], heads[-1]),))


def _starts(el: _Element, pos: int, hi: int, backwards: bool) -> range | tuple[int, ...]:
    if el.glued:
        return (pos,) if pos < hi else ()
    return range(hi - 1, pos - 1, -1) if backwards else range(pos, hi)


def _match_elements(elements: tuple[_Element, ...], k: int, pos: int, hi: int, sent: _Sentence,
                    must_end: int | None, backwards: bool) -> tuple | None:
    """Captured slots when elements[k:] match in order from pos within [pos, hi), else None.
    ``backwards`` tries the latest start first (elements before the verb stay near it)."""
    if k == len(elements):
        return () if must_end is None or pos == must_end else None
    el = elements[k]
    for s in _starts(el, pos, hi, backwards):
        if el.kind in SLOTS and not el.glued and s > pos and sent.inside_phrase(s, el.kind == "%"):
            continue  # inside a noun phrase: its start is tried on its own
        for end, caps in _element_ends(el, s, hi, sent):
            rest = _match_elements(elements, k + 1, end, hi, sent, must_end, backwards)
            if rest is not None:
                return caps + rest
    return None


def _pattern_slots(pattern: Pattern, verb_i: int, sent: _Sentence) -> tuple | None:
    """Captured slots if the pattern matches around the verb at sentence index verb_i."""
    if not pattern.must <= sent.bag:
        return None
    for need in pattern.needs:
        if need.isdisjoint(sent.bag):
            return None
    must_end = verb_i if pattern.star_glued else None
    before = _match_elements(pattern.before, 0, 0, verb_i, sent, must_end, backwards=True)
    if before is None:
        return None
    after = _match_elements(pattern.after, 0, verb_i + 1, len(sent.tokens), sent, None,
                            backwards=False)
    return None if after is None else before + after


def _sentence_of(token):
    try:
        return token.sent
    except ValueError:  # no sentence boundaries: the whole document
        return token.doc[:]


def _fits_multi(multi: _Multi, token) -> bool:
    """The dictionary's multiword verb is completed by the words around the token."""
    doc, i = token.doc, token.i
    before = [t.text.lower() for t in doc[max(0, i - 3 * len(multi.before)):i] if t.text != "-"]
    if multi.before and tuple(before[-len(multi.before):]) != multi.before:
        return False
    if not multi.after:
        return True
    after = tuple(t.text.lower() for t in doc[i + 1: i + 1 + len(multi.after)])
    if after == multi.after:
        return True
    particles = {c.text.lower() for c in token.children if c.dep_ == "prt"}
    return len(multi.after) == 1 and multi.after[0] in particles


class VerbDictionary:
    """A parsed verb dictionary; build with ``load`` (cached) or ``read``."""

    def __init__(self, path, synsets, blocks, entries, blocks_of, forms, multi, warnings) -> None:
        self.path = path
        self.synsets: dict[str, tuple[Phrase, ...]] = synsets
        self.blocks: tuple[Block, ...] = blocks
        self.warnings: tuple[str, ...] = warnings
        self._entries: dict[str, VerbEntry] = entries
        self._blocks_of: dict[str, tuple[int, ...]] = blocks_of
        self._forms: dict[str, str] = forms
        self._multi: dict[str, tuple[_Multi, ...]] = multi
        self._ranked: dict[str, tuple[tuple[Pattern, Block], ...]] = {}
        self._plover: dict[str, str | None] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return (f"VerbDictionary({self.path!r}: {len(self)} verbs, {self.pattern_count} patterns, "
                f"{len(self.synsets)} synonym sets, {len(self.warnings)} warnings)")

    @property
    def pattern_count(self) -> int:
        return sum(len(b.patterns) for b in self.blocks)

    def lemmas(self) -> Iterator[str]:
        return iter(self._entries)

    def plover(self, cameo: str | None) -> str | None:
        """The PLOVER type of a CAMEO code ('---' and unmapped codes: None)."""
        if not cameo or cameo == NO_EVENT:
            return None
        if cameo not in self._plover:
            from amity.events.ontology import load as load_ontology

            self._plover[cameo] = load_ontology().plover_for_cameo(cameo)
        return self._plover[cameo]

    def verb(self, lemma: str) -> VerbEntry | None:
        """The verb's default: ``verb("deport")``, ``verb("pull out")``; None when absent."""
        key = " ".join(lemma.lower().replace("_", " ").split())
        key = key if key in self._entries else self._forms.get(key, "")
        entry = self._entries.get(key)
        if entry is None:
            return None
        plover = self.plover(entry.cameo)
        return VerbEntry(entry.lemma, entry.cameo, plover, entry.block, entry.line)

    def patterns(self, lemma: str) -> tuple[Pattern, ...]:
        """The verb's patterns, most specific first."""
        return tuple(p for p, _ in self._ranked_patterns(lemma.lower()))

    def _ranked_patterns(self, key: str) -> tuple[tuple[Pattern, Block], ...]:
        ranked = self._ranked.get(key)
        if ranked is None:
            blocks = [self.blocks[b] for b in self._blocks_of.get(key, ())]
            pairs = [(p, block) for block in blocks for p in block.patterns]
            ranked = tuple(sorted(pairs, key=lambda pb: (-pb[0].weight[0], -pb[0].weight[1])))
            self._ranked[key] = ranked
        return ranked

    def entry_for(self, token) -> str | None:
        """The dictionary verb a spaCy token stands for: a multiword verb the words around it
        complete, else its lemma or spelling; None when the dictionary lacks it."""
        lemma, text = token.lemma_.lower(), token.text.lower()
        for spelling in dict.fromkeys((lemma, text)):
            for multi in self._multi.get(spelling, ()):
                if _fits_multi(multi, token):
                    return multi.key
        for spelling in (lemma, text):
            if spelling in self._entries:
                return spelling
            if spelling in self._forms:
                return self._forms[spelling]
        return None

    def match(self, token) -> Match | None:
        """The most specific pattern of the token's verb that its sentence matches, else the
        verb's default; None when the dictionary has no such verb."""
        key = self.entry_for(token)
        if key is None:
            return None
        span = _sentence_of(token)
        sent = _Sentence(span)
        for pattern, block in self._ranked_patterns(key):
            caps = _pattern_slots(pattern, token.i - span.start, sent)
            if caps is not None:
                return self._specific(key, pattern, block, caps)
        entry = self._entries[key]
        return Match(key, entry.cameo, self.plover(entry.cameo), None, False,
                     block=entry.block, line=entry.line)

    def _specific(self, key: str, pattern: Pattern, block: Block, caps: tuple) -> Match:
        source = target = None
        for kind, first, last in caps:
            if kind == "$" and source is None:
                source = first
            elif kind == "+" and target is None:
                target = first
            elif kind == "%":
                source = source or first
                target = target or (last if last is not first else None)
        return Match(key, pattern.cameo, self.plover(pattern.cameo), pattern.text, True, source,
                     target, pattern.reverse_cameo, block.name, pattern.line)
