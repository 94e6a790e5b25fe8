"""amity's spaCy components, registered with ``@Language.factory``.

- ``amity_gazetteer``: phrase matching of the actor gazetteer (amity/data/actors/ plus user
  dictionaries given as ``actor_files``); writes ``doc._.amity_candidates`` and, for parts of
  hyphenated tokens ("U.S.-Japan"), ``doc._.amity_parts``.
- ``amity_resolver``: the resolution rules of amity.actors.resolve; writes ``doc._.amity_found``.
- ``amity_memory``: document memory (amity.actors.memory); resolves pending references and
  leaves the final mentions as plain dicts in ``doc._.amity_mentions``.

- ``amity_paragraphs`` (before the parser): every line of the cleaned text starts a sentence.

Extensions for other stages (see docs/actors.md):
- ``Doc._.amity_mentions``: the mentions as dicts (MENTION_KEYS), sorted by start;
- ``Span._.amity_actor``: the Actor of the first mention overlapping the span, or None;
- ``Span._.amity_actors``: the Actors of every mention overlapping the span.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from amity.actors import gazetteer as gz
from amity.actors.memory import resolve_memory
from amity.actors.petrarch import split_actor_code
from amity.actors.resolve import PLACE_SUFFIXES, Found, Resolver
from amity.models import Actor

KIND_PRIORITY = {"stop": 0, "institution": 1, "igo": 2, "ship": 3, "name": 4, "title": 5, "adjective": 6, "capital": 7}


MENTION_KEYS = ("start", "end", "code", "sector", "name", "role", "rule", "sentence")


def mention_records(doc: Doc) -> list[dict]:
    """The final mentions of a Doc as plain dicts (MENTION_KEYS): what ``amity_memory`` leaves
    in ``Doc._.amity_mentions``, serialisable with the Doc (``to_bytes``, multiprocessing)."""
    return list(doc._.amity_mentions or [])


def record_actor(rec: dict) -> Actor:
    return Actor(rec["code"], rec["sector"], rec["name"], rec["role"])


def _overlapping(span: Span) -> list[Actor]:
    s, e = span.start_char, span.end_char
    return [record_actor(r) for r in mention_records(span.doc) if r["start"] < e and s < r["end"]]


def _register_extensions() -> None:
    for name in ("amity_candidates", "amity_parts", "amity_found", "amity_mentions"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Span.has_extension("amity_actor"):
        Span.set_extension("amity_actor", getter=lambda span: next(iter(_overlapping(span)), None))
    if not Span.has_extension("amity_actors"):
        Span.set_extension("amity_actors", getter=lambda span: tuple(_overlapping(span)))


_register_extensions()


def paragraph_starts(doc: Doc) -> Doc:
    """A paragraph (a new line in the cleaned text) always starts a sentence, so a headline or a
    teaser line without a full stop is not read as one sentence with the paragraph after it."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not tok.is_space and ("\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)):
            tok.is_sent_start = True
    return doc


@Language.factory("amity_paragraphs")
def make_paragraphs(nlp: Language, name: str):
    return paragraph_starts


class GazetteerMatcher:
    """Finds gazetteer terms: case-sensitive names, case-insensitive titles, PETRARCH stems."""

    def __init__(self, nlp: Language, actor_files: Iterable[str] = ()):
        self.entries: list[gz.Entry] = list(gz.builtin_entries())
        for path in actor_files:
            self.entries.extend(gz.load_user_file(path))
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[int, list[gz.Entry]] = {}
        self.stems: dict[str, list[tuple[tuple[str, ...], gz.Entry]]] = {}
        self.parts: dict[str, gz.Entry] = {}
        by_key: dict[tuple[bool, str], list[gz.Entry]] = {}
        for entry in self.entries:
            if entry.stem:
                words = tuple(entry.term.lower().split())
                self.stems.setdefault(words[0][:4], []).append((words, entry))
            term = entry.term if entry.case else entry.term.lower()
            by_key.setdefault((entry.case, term), []).append(entry)
            if entry.kind in gz.STATE_KINDS and entry.case and " " not in entry.term and entry.source == "amity":
                self.parts.setdefault(entry.term, entry)
        for (case, term), entries in by_key.items():
            key = f"amity:{int(case)}:{term}"
            # a user's entry wins over amity's own for the same words
            self.keys[nlp.vocab.strings.add(key)] = sorted(
                entries, key=lambda e: (e.source == "amity", KIND_PRIORITY.get(e.kind, 9)))
            matcher = self.exact if case else self.lower
            matcher.add(key, _pattern_docs(nlp, term, case))
        self.parts["Sino"] = next((e for e in self.entries if e.term == "China" and e.kind == "name"), None)

    def matches(self, doc: Doc) -> list[tuple[int, int, gz.Entry]]:
        raw: list[tuple[int, int, gz.Entry]] = []
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                entries = self.keys[match_id]
                raw.append((start, end, entries[0]))
        if self.stems:
            raw.extend(self._stem_matches(doc))
        return _longest(raw)

    def codes(self, doc: Doc) -> frozenset[str]:
        """Every actor code the gazetteer terms of a tokenised Doc could stand for (no tagger or
        parser needed): a cheap upper bound of the codes the resolver can find, since every
        resolved code comes from such a term, or from one named elsewhere in the document."""
        found: set[str] = set()
        for _, _, entry in self.matches(doc) + self.hyphen_parts(doc, set()):
            if entry.code:
                found.add(entry.code.upper())
            found.update(split_actor_code(code)[0] if "/" not in code else code.upper()
                         for code, _, _ in entry.dated)
        return frozenset(found)

    def _stem_matches(self, doc: Doc):
        for i, tok in enumerate(doc):
            for words, entry in self.stems.get(tok.lower_[:4], ()):
                n = len(words)
                if i + n > len(doc):
                    continue
                toks = [doc[i + k].lower_ for k in range(n)]
                if toks[:-1] == list(words[:-1]) and toks[-1].startswith(words[-1]):
                    yield (i, i + n, entry)

    def hyphen_parts(self, doc: Doc, covered: set[int]) -> list[tuple[int, int, gz.Entry]]:
        out = []
        for tok in doc:
            if "-" not in tok.text or tok.i in covered or len(tok.text) < 4:
                continue
            offset = tok.idx
            pieces = tok.text.split("-")
            if len(pieces) < 2:
                continue
            pos = 0
            hits = []
            for piece in pieces:
                entry = self.parts.get(piece)
                if entry is not None:
                    hits.append((offset + pos, offset + pos + len(piece), entry))
                pos += len(piece) + 1
            if pieces[-1].lower() in PLACE_SUFFIXES:
                continue  # "Seoul-based", "Tokyo-born": a place, not an actor
            if hits and (len(hits) >= 2 or pieces[-1].islower() or len(pieces) == 2):
                out.extend(hits)
        return out


def _pattern_docs(nlp: Language, term: str, case: bool) -> list[Doc]:
    """The term as the tokenizer splits it; for case-insensitive terms also capitalised, since
    abbreviations split differently ("Gen." is one token, "gen." two); a term with an apostrophe
    also with the typographic one most news pages print ("People’s Republic")."""
    docs = [nlp.make_doc(term)]
    if "'" in term:
        docs.append(nlp.make_doc(term.replace("'", "’")))
    if not case:
        seen = {tuple(t.text.lower() for t in docs[0])}
        for variant in (term[:1].upper() + term[1:], term.title()):
            d = nlp.make_doc(variant)
            k = tuple(t.text.lower() for t in d)
            if k not in seen:
                seen.add(k)
                docs.append(d)
    return docs


def _longest(raw: list[tuple[int, int, gz.Entry]]) -> list[tuple[int, int, gz.Entry]]:
    """Non-overlapping matches, longest first; user entries and stronger kinds win ties."""
    order = sorted(raw, key=lambda m: (-(m[1] - m[0]), m[2].source == "amity", KIND_PRIORITY.get(m[2].kind, 9), m[0]))
    taken: set[int] = set()
    out = []
    for start, end, entry in order:
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        out.append((start, end, entry))
    out.sort(key=lambda m: m[0])
    return out


class GazetteerComponent:
    def __init__(self, nlp: Language, name: str, actor_files: list[str]):
        self.name = name
        self.matcher = GazetteerMatcher(nlp, actor_files)

    def __call__(self, doc: Doc) -> Doc:
        cands = self.matcher.matches(doc)
        doc._.amity_candidates = cands
        covered = {i for s, e, _ in cands for i in range(s, e)}
        doc._.amity_parts = self.matcher.hyphen_parts(doc, covered)
        return doc


class ResolverComponent:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.resolver = Resolver(gz.senses())

    def __call__(self, doc: Doc) -> Doc:
        found = self.resolver(doc, doc._.amity_candidates or [], doc._.amity_parts or [])
        found = _expand_coordinated(found)
        _set_sentences(doc, found)
        doc._.amity_found = found
        return doc


class MemoryComponent:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = resolve_memory(doc._.amity_found or [], date=doc.user_data.get("amity_date"))
        _set_sentences(doc, found)
        found.sort(key=lambda f: (f.start_char, -f.end_char))
        doc._.amity_mentions = [
            {"start": f.start_char, "end": f.end_char, "code": f.actor.code, "sector": f.actor.sector,
             "name": f.actor.name, "role": f.actor.role, "rule": str(f.rule), "sentence": f.sent}
            for f in found if f.actor is not None]
        # the working records hold Python objects; drop them so the Doc serialises
        doc._.amity_found = doc._.amity_candidates = doc._.amity_parts = None
        return doc


def _expand_coordinated(found: list[Found]) -> list[Found]:
    out = []
    for f in found:
        out.append(f)
        also, f.also = f.also, []
        for actor in also:
            out.append(Found(f.start_char, f.end_char, actor, f.rule, f.start, f.end, sent=f.sent))
    return out


def sentence_starts(doc: Doc) -> list[int]:
    if doc.has_annotation("SENT_START"):
        return [s.start_char for s in doc.sents]
    return [0]


def _set_sentences(doc: Doc, found: list[Found]) -> None:
    starts = sentence_starts(doc)
    for f in found:
        f.sent = max(0, bisect.bisect_right(starts, f.start_char) - 1)


@Language.factory("amity_gazetteer", default_config={"actor_files": []})
def make_gazetteer(nlp: Language, name: str, actor_files: list[str]):
    return GazetteerComponent(nlp, name, list(actor_files))


@Language.factory("amity_resolver")
def make_resolver(nlp: Language, name: str):
    return ResolverComponent(nlp, name)


@Language.factory("amity_memory")
def make_memory(nlp: Language, name: str):
    return MemoryComponent(nlp, name)
