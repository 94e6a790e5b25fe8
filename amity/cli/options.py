"""Options that several commands share, declared once so that their help reads the same everywhere."""

from __future__ import annotations

import click

_MEANING = ("An event's confidence is the coder's probability, from 0 to 1, that the event is right "
            "(0.8: right about 8 times in 10).")

_STORED = ("Only events whose confidence is at least FLOAT. " + _MEANING + " The coder's default "
           "threshold already applied when the events were coded, so this can only raise it; a "
           "merged event has the confidence of its most confident report.")

_CODING = ("Keep only the events whose confidence is at least FLOAT. " + _MEANING + " Without this "
           "option the coder's default threshold applies at coding time.")


def min_confidence_option(at_coding: bool = False):
    """--min-confidence FLOAT (validated by amity.query.filters.confidence_value). ``at_coding``:
    the command codes articles itself, so the threshold replaces the coder's default."""
    return click.option("--min-confidence", "min_confidence", type=float, default=None,
                        help=_CODING if at_coding else _STORED)
