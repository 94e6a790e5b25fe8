"""Events: who did what to whom, when and where, with the sentence that says so.

Public API:
    Coder(options: CoderOptions | None = None).code(analysis) -> tuple[Event, ...]

``analysis`` is what amity.nlp.Analyzer yields: ``document``, ``spacy_doc`` (its char offsets
are offsets into ``document.text``) and ``mentions`` (amity.models.Mention). See docs/events.md.
"""

__all__ = ["CODER_VERSION", "Coder", "CoderOptions"]


def __getattr__(name: str):
    """The coder (and spaCy with it) loads on first use, so that the data modules of this
    package (``amity.events.ontology``, ``dates``, ...) can be imported on their own, by the
    merger or the web server, without the language model."""
    if name in __all__:
        from amity.events import coder

        return getattr(coder, name)
    raise AttributeError(f"module 'amity.events' has no attribute {name!r}")
