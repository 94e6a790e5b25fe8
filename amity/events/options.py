"""The event coder's options (one object, passed from the pipeline to the coder)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CoderOptions:
    """How the coder finds and keeps events.

    - ``planned``: keep planned events ("will discuss"), with status ``planned``.
    - ``sentence_subtype``: topic words anywhere in the sentence may set the subtype.
    - ``min_confidence``: keep events whose calibrated probability is at least this; ``None``
      takes the threshold stored with the scorer's weights (chosen on the development sets);
      ``0.0`` keeps every scored candidate (what ``amity eval`` uses to draw its curve).
    - ``broad``: besides the syntactic rules, propose every (trigger, actor pair) of a sentence
      and the discourse participants, and let the scorer judge them.
    - ``cameo_verbs``: also propose verbs the lexicon lacks, read with the bundled CAMEO verb
      dictionary. Off by default: measured, it lowers the cross-validated F1 (docs/quality.md);
      retrain the scorer with it on (``amity train-scorer --cameo-verbs``) before using it.
    - ``verb_dictionaries``: your own CAMEO verb dictionaries in PETRARCH's format, read as the
      bundled one would be.
    - ``scorer``: a weights file written by ``amity train-scorer`` (``None``: the bundled one).
    - ``story_dates``: an event with no date of its own takes the date of another event of its
      sentence, else the story's date (the first dated event of its lead), basis ``inherited``.
      Off: only the publication date (basis ``publication``) fills the gap.
    - ``lead_sentences``: how many sentences from the top make the story's lead.
    """

    planned: bool = True
    sentence_subtype: bool = False
    min_confidence: float | None = None
    broad: bool = True
    cameo_verbs: bool = False
    verb_dictionaries: tuple[str, ...] = ()
    scorer: str | None = None
    story_dates: bool = True
    lead_sentences: int = 4
