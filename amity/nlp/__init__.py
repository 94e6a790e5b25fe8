"""spaCy pipeline with amity's registered components.

Owner: nlp/actors. Public API:
    Analyzer(options: NlpOptions | None = None)      # loads nothing until first use
    Analyzer.analyze(documents: Iterable[Document]) -> Iterator[Analysis]
    Analysis(document, spacy_doc, mentions)           # spacy_doc char offsets == document.text offsets
"""
