"""The whole pipeline on a stream of articles: clean -> analyse (spaCy, actors) -> code events.

This module only wires the stages together; each stage lives in its own package. It does no I/O
of its own: callers (engines, `amity extract`) decide where articles come from and where the
results go.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from amity.clean.parts import split_long
from amity.models import Article, Coded, Document, Rejection

if TYPE_CHECKING:
    from amity.clean.options import CleanOptions
    from amity.events.options import CoderOptions


@dataclass(frozen=True)
class Skipped:
    """A document that was cleaned but not analysed because it is already stored."""

    document: Document


@dataclass(frozen=True)
class ReaderOptions:
    """How the engines read their inputs (amity.engines.shards turns these into the readers'
    own options; None: the reader's default)."""

    allow_private_hosts: bool = False  # let URLs and feeds reach loopback and private networks
    fetch_delay: float | None = None  # seconds between two requests to one host
    fetch_timeout: float | None = None  # seconds for a connect or a read
    max_record_bytes: int | None = None  # the largest WARC record read
    records_per_shard: int | None = None  # JSONL/WARC records a shard holds


@dataclass(frozen=True)
class PipelineOptions:
    """One options object per stage, gathered: each reaches its stage (the readers, the cleaner,
    the analyzer, the coder)."""

    model: str | None = None  # spaCy model name; None: the setting / pinned default
    actor_files: tuple[str, ...] = ()  # user actor dictionaries (TSV or PETRARCH format)
    code_events: bool = True  # False: stop after actors (mentions only)
    coder: CoderOptions | None = None  # the event coder's options (None: its defaults)
    clean: CleanOptions | None = None  # the cleaner's options (None: its defaults)
    read: ReaderOptions = field(default_factory=ReaderOptions)
    batch_size: int = 32
    max_chars: int = 100_000  # longer documents are coded in parts (amity.clean.parts)
    # The relevance gate: a document whose words (headline and outlet included) name fewer than
    # two actors in the gazetteer is stored without tagging, parsing or coding (flag few_actors):
    # an event needs two different actors, so nothing is lost (tests/test_relevance_gate.py).
    gate: bool = True


class Pipeline:
    """Runs every stage. Heavy resources (the spaCy model) load on first use, not here."""

    def __init__(self, options: PipelineOptions | None = None, analyzer=None, coder=None):
        """``analyzer`` and ``coder``: ones already built to share (tests and benches that run
        many pipelines on one loaded model); None builds them from the options on first use."""
        self.options = options or PipelineOptions()
        self._analyzer = analyzer
        self._coder = coder

    # -- stages -----------------------------------------------------------------------------
    def clean(self, article: Article) -> Document | Rejection:
        from amity.clean import clean

        return clean(article, self.options.clean)

    @property
    def analyzer(self):
        if self._analyzer is None:
            from amity.nlp import Analyzer, NlpOptions

            self._analyzer = Analyzer(
                NlpOptions(model=self.options.model, actor_files=self.options.actor_files)
            )
        return self._analyzer

    @property
    def coder(self):
        if self._coder is None:
            from amity.events import Coder

            self._coder = Coder(self.options.coder)
        return self._coder

    def analyse_documents(self, documents: Iterable[Document]) -> Iterator[Coded | Rejection]:
        """Documents -> Coded, in input order. English documents only are analysed."""
        docs = list(documents)
        to_analyse: list = [d for d in docs if not _skip_nlp(d)]
        results: dict[str, Coded | Rejection] = {}
        if to_analyse and self.options.gate:
            kept = []
            for s in (self.analyzer.screen(d) for d in to_analyse):
                if relevant(s.codes):
                    kept.append(s)
                else:
                    results[s.document.id] = Coded(document=dataclasses.replace(
                        s.document, flags=tuple(s.document.flags) + (GATED_FLAG,)))
            to_analyse = kept
        if to_analyse:
            for analysis in self.analyzer.analyze(to_analyse):
                doc = analysis.document
                try:
                    events = self.coder.code(analysis) if self.options.code_events else ()
                except Exception as exc:  # a coder bug must not lose the document
                    results[doc.id] = Coded(document=doc, mentions=tuple(analysis.mentions))
                    results[doc.id + "#err"] = Rejection(doc.origin, "code", f"event coder failed: {exc!r}")
                    continue
                results[doc.id] = Coded(
                    document=doc,
                    mentions=tuple(analysis.mentions),
                    events=tuple(events),
                    sentences=tuple(getattr(analysis, "sentences", ()) or ()),
                )
        for d in docs:
            if d.id in results:
                yield results[d.id]
                if d.id + "#err" in results:
                    yield results[d.id + "#err"]
            else:
                yield Coded(document=d)

    def process(self, articles: Iterable[Article | Rejection],
                known: Callable[[str], bool] | None = None) -> Iterator[Coded | Rejection | Skipped]:
        """Articles -> Coded documents or Rejections, batched for spaCy.

        ``known(doc_id)`` returning True skips the analysis of a document already stored.
        Rejections coming from the reader pass through unchanged.
        """
        batch: list[Document] = []
        for article in articles:
            article = storable(article)
            result = self.clean(article) if isinstance(article, Article) else article
            if isinstance(result, Rejection):
                yield result
                continue
            for part in split_long(result, self.options.max_chars):
                if known is not None and known(part.id):
                    yield Skipped(part)
                    continue
                batch.append(part)
                if len(batch) >= self.options.batch_size:
                    yield from self.analyse_documents(batch)
                    batch = []
        if batch:
            yield from self.analyse_documents(batch)


GATED_FLAG = "few_actors"  # stored, not analysed: fewer than two actors named
MIN_ACTOR_CODES = 2  # an event is between two different actors (amity.events.coder)


def relevant(codes: frozenset[str]) -> bool:
    """Can a document whose gazetteer terms name these actor codes hold an event?"""
    return len(codes) >= MIN_ACTOR_CODES


_SURROGATES = re.compile("[\ud800-\udfff]")


def storable(item: Article | Rejection) -> Article | Rejection:
    """Lone surrogates (a non-UTF-8 file name, a JSON "\\ud800") can be neither hashed nor stored:
    each becomes U+FFFD, one character for one, so lengths and offsets do not change."""
    changes = {f.name: _SURROGATES.sub("\ufffd", value) for f in dataclasses.fields(item)
               if isinstance(value := getattr(item, f.name), str) and _SURROGATES.search(value)}
    return dataclasses.replace(item, **changes) if changes else item


def _skip_nlp(doc: Document) -> bool:
    """Documents we store but do not code: not English, or no article found."""
    return "non_english" in doc.flags or "no_article" in doc.flags or not doc.text.strip()
