"""Events: who did what to whom, when and where, with the sentence that says so.

Public API:
    Coder(options: CoderOptions | None = None).code(analysis) -> tuple[Event, ...]

``analysis`` is what amity.nlp.Analyzer yields: ``document``, ``spacy_doc`` (its char offsets
are offsets into ``document.text``) and ``mentions`` (amity.models.Mention). See docs/events.md.
"""

from amity.events.coder import CODER_VERSION, Coder, CoderOptions

__all__ = ["CODER_VERSION", "Coder", "CoderOptions"]
