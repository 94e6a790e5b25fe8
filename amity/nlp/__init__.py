"""spaCy pipeline with amity's registered components.

Owner: nlp/actors. Public API (docs/actors.md):
    NlpOptions(model: str | None = None, actor_files: tuple[str, ...] = ())
    Analyzer(options: NlpOptions | None = None)      # loads nothing until first use
    Analyzer.nlp                                      # the spaCy Language, loaded lazily
    Analyzer.analyze(documents: Iterable[Document]) -> Iterator[Analysis]
    Analysis(document, spacy_doc, mentions, sentences)  # spacy_doc offsets == document.text offsets
    Analysis.mention_at(start, end) -> tuple[Mention, ...]
"""

from amity.nlp.analyzer import Analysis, Analyzer, NlpOptions, load_pipeline

__all__ = ["Analysis", "Analyzer", "NlpOptions", "load_pipeline"]
