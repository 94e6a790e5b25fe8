"""A line of a flattened scrape as the cleaners see it (shared by the text cleaner and the
metadata reader, so neither imports the other)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the decoded input
    text: str  # whitespace folded
    reason: str | None = None  # why it is dropped; None: kept
