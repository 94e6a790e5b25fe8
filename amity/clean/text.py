"""amity's cleaner for flattened scrapes: one line per block, page furniture included.

The article is found in three steps:

1. each line is labelled by the rules in :mod:`amity.clean.rules` (dates, bylines, captions,
   share and subscribe lines, teasers, credits, ...);
2. the article block is the run of lines with the highest score, where a prose line scores its
   length and every other line a cost (a maximum-sum segment, as for boilerplate detection in
   HTML, but over lines of text); end-of-article markers cost so much that a block rarely
   crosses them, and a comments heading ends the block (reader comments are prose too);
3. inside the block, labelled lines, author bios, repeats of the headline and repeated lines are
   dropped; everything outside it is dropped.

Metadata (headline, author, dates, outlet) is read from the lines above the block and from the
labelled lines: see :mod:`amity.clean.meta`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from amity.clean.lines import Line
from amity.clean.meta import Metadata, read_metadata, similar
from amity.clean.options import CleanOptions
from amity.clean.rules import (
    INLINE_RULES,
    STOP_RULES,
    TERMINAL_RULES,
    boilerplate_reason,
    byline_name,
    word_count,
)

_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’)\]」』]*$")
_SENTENCE_BREAK = re.compile(r"[a-z0-9)\"'”’][.!?][\"'”’]?\s+[A-Z\"“‘(]|[。！？]")
_BIO_CUES = re.compile(
    r"\b(?:has been (?:a|an|the) |(?:is|was) (?:a|an|the) (?:\w+ ){0,3}(?:reporter|journalist|"
    r"writer|editor|correspondent|columnist|contributor|analyst|freelancer)|joined (?:the )?\w+|"
    r"before joining|writes (?:about|for|on)|covers |graduated|holds a (?:degree|master|phd)|"
    r"(?:contact|reach) (?:me|him|her|them)|get in touch|can be reached|follow (?:him|her) on|"
    r"lives in|based in)", re.IGNORECASE)
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\+?\d[\d -]{7,}\d")


@dataclass(frozen=True)
class TextResult:
    body: tuple[Line, ...]
    dropped: tuple[Line, ...]
    meta: Metadata
    block: tuple[int, int] = (0, 0)  # the article block, as indexes into all lines

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.body)


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with whitespace folded; each keeps its line number."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        folded = " ".join(raw.split())
        if folded:
            lines.append(Line(number, folded))
    return lines


def wrap_width(lines: list[Line]) -> int | None:
    """The column a hard-wrapped text was wrapped at (``lynx -dump``, e-mail), or None.

    A wrapped text has no line longer than the width, many lines close to it, and most of those
    end in the middle of a sentence (short one-sentence paragraphs end with a full stop).
    """
    lengths = [len(line.text) for line in lines]
    width = max(lengths, default=0)
    if not 40 <= width <= 100:
        return None
    full = [line.text for line in lines if len(line.text) >= 0.8 * width]
    mid_sentence = sum(not _SENTENCE_END.search(text) for text in full)
    wrapped = len(full) >= 5 and len(full) >= 0.3 * len(lines) and mid_sentence >= 0.6 * len(full)
    return width if wrapped else None


def unwrap(lines: list[Line]) -> list[Line]:
    """Rejoin paragraphs of a hard-wrapped text: a line that reached the wrap width continues on
    the next line unless a blank line follows it. Other texts are returned as they are."""
    width = wrap_width(lines)
    if width is None:
        return lines
    joined: list[Line] = []
    for line in lines:
        prev = joined[-1] if joined else None
        continues = (prev is not None and len(prev.text.rsplit("\n", 1)[-1]) >= 0.7 * width
                     and line.number == prev.number + prev.text.count("\n") + 1)
        if continues:
            joined[-1] = replace(prev, text=prev.text + "\n" + line.text)
        else:
            joined.append(line)
    return [replace(line, text=_join_wrapped(line.text)) for line in joined]


def _join_wrapped(text: str) -> str:
    """Wrapped pieces joined with spaces; a word hyphenated across the break is rejoined."""
    return re.sub(r"(?<=[a-z])-\n(?=[a-z])", "-", text).replace("\n", " ")


def label_lines(lines: list[Line]) -> list[Line]:
    """Each line with the rule that names it as furniture; bios of the byline's author too."""
    labelled = [replace(line, reason=boilerplate_reason(line.text)) for line in lines]
    author = first_byline_author(labelled)
    return [replace(line, reason="author_bio")
            if line.reason is None and is_author_bio(line.text, author) else line
            for line in labelled]


def first_byline_author(lines: list[Line]) -> str | None:
    return next((name for line in lines if line.reason == "byline"
                 and (name := byline_name(line.text))), None)


def is_prose(text: str, options: CleanOptions) -> bool:
    """A line that reads as sentences: enough words, and a sentence end or an inner break."""
    if word_count(text) < options.min_prose_words:
        return False
    if not mostly_lower_case(text):
        return False
    return bool(_SENTENCE_END.search(text) or _SENTENCE_BREAK.search(text))


def mostly_lower_case(text: str) -> bool:
    """Prose is mostly lower case; menus and shouted labels are not. Scripts without case
    (Korean, Chinese, Arabic, ...) pass."""
    lower = sum(ch.islower() for ch in text)
    upper = sum(ch.isupper() for ch in text)
    letters = sum(ch.isalpha() for ch in text)
    if letters == 0:
        return False
    if lower + upper < letters / 2:
        return True
    return lower >= (lower + upper) * 0.5


def line_score(line: Line, options: CleanOptions) -> float:
    """How much a line adds to an article block: prose adds its length, the rest costs."""
    if line.reason in STOP_RULES:
        return -options.stop_cost
    if line.reason in INLINE_RULES:
        return -options.inline_cost
    if line.reason:
        return -options.boilerplate_cost
    if is_prose(line.text, options):
        return len(line.text) - options.prose_discount
    return -options.short_line_cost


def best_block(scores: list[float]) -> tuple[int, int]:
    """The segment [start, end) with the largest sum (Kadane); (0, 0) when nothing is positive."""
    best, best_span = 0.0, (0, 0)
    running, start = 0.0, 0
    for i, score in enumerate(scores):
        if running <= 0:
            running, start = score, i
        else:
            running += score
        if running > best:
            best, best_span = running, (start, i + 1)
    return best_span


def block_sum(scores: list[float], block: tuple[int, int]) -> float:
    return sum(scores[block[0]:block[1]])


def opens_comments(lines: list[Line], i: int) -> bool:
    """A comments-section heading ("Leave a Reply", "[ 167 comments ]"); not a counter such as
    "0 Comments", nor a "Comments" button among share buttons."""
    line = lines[i]
    if line.reason not in TERMINAL_RULES or line.text[:1].isdigit():
        return False
    neighbours = lines[max(0, i - 1):i] + lines[i + 1:i + 2]
    button = line.text.lower() in ("comment", "comments")
    return not (button and any(n.reason == "share" for n in neighbours))


def article_block(lines: list[Line], scores: list[float], min_prose: int) -> tuple[int, int]:
    """The best block, with reader comments kept out of it.

    Comments are prose and can join or outweigh the story. When the best block lies after a
    comments heading and a block of ``min_prose`` comes before the heading, the winner is the
    discussion and the earlier block is the article. Otherwise a comments heading inside the
    best block, after ``min_prose`` characters of it, ends the block there.
    """
    start, end = best_block(scores)
    markers = [i for i in range(len(lines)) if opens_comments(lines, i)]
    for marker in (m for m in markers if m <= start):
        before = best_block(scores[:marker])
        if block_sum(scores, before) >= min_prose:
            return before
    inside = [m for m in markers if start < m < end and block_sum(scores, (start, m)) >= min_prose]
    return (start, inside[0]) if inside else (start, end)


def is_author_bio(text: str, author: str | None) -> bool:
    """A paragraph about the writer: it opens with the author's full name (or gives contacts)
    and reads like a bio ("has been a reporter", "joined", "contact me"). An article sentence
    about someone who shares the author's surname is not one."""
    if len(text) > 1200 or not _BIO_CUES.search(text):
        return False
    opens_with_author = bool(author) and text.startswith(author)
    return opens_with_author or bool(_CONTACT.search(text))


def drop_reason_in_block(line: Line, meta: Metadata, seen: set[str],
                         options: CleanOptions) -> str | None:
    """Why a line inside the article block is still dropped, or None to keep it."""
    if line.reason:
        return line.reason
    if meta.title and not is_prose(line.text, options) and similar(line.text, meta.title):
        return "duplicate_headline"
    if meta.author and line.text.strip(" .") == meta.author:
        return "byline"
    key = line.text.lower()
    if options.drop_repeated_lines and key in seen:
        return "repeated_line"
    seen.add(key)
    return None


def clean_text(text: str, options: CleanOptions | None = None) -> TextResult:
    """Split a flattened scrape into the article's lines, the dropped lines and its metadata."""
    options = options or CleanOptions()
    lines = label_lines(unwrap(split_lines(text)))
    scores = [line_score(line, options) for line in lines]
    start, end = article_block(lines, scores, options.min_body_chars * 5)
    meta = read_metadata(lines, start, end, options)
    body: list[Line] = []
    dropped: list[Line] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if i < start:
            reason = line.reason or "before_article"
        elif i >= end:
            reason = line.reason or "after_article"
        else:
            reason = drop_reason_in_block(line, meta, seen, options)
        (dropped if reason else body).append(replace(line, reason=reason))
    return TextResult(tuple(body), tuple(dropped), meta, (start, end))
