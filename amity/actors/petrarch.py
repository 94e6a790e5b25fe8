"""Reading actor and agent dictionaries in the PETRARCH / TABARI format.

The format, as amity reads it:

- ``#`` starts a comment; ``<!-- ... -->`` blocks (possibly over several lines) are comments too.
- An actor entry is a phrase, optionally followed by synonym lines that start with ``+``, then one
  or more code blocks ``[CODE]`` on the same or following lines. A code block may carry a date
  restriction: ``[CODE <YYMMDD]``, ``[CODE >YYYYMMDD]`` or ``[CODE YYYYMMDD-YYYYMMDD]``.
- Words are joined with ``_`` (or spaces). A phrase that ends in ``_`` matches the exact words;
  one that does not is a stem: its last word matches any word it starts ("ARGENTIN" matches
  "Argentina" and "Argentine").
- An agent entry has a code starting or ending in ``~`` (``MINISTER [~GOV]``, ``MSF [NGO~]``),
  an optional plural block ``{PLURAL}`` (``{}``: no plural), and may use substitution sets
  declared as ``!NAME! = A, B``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

_CODE_RE = re.compile(r"\[([^\]]*)\]")
_PLURAL_RE = re.compile(r"\{([^}]*)\}")
_SUBST_RE = re.compile(r"^\s*(![A-Z0-9_]+!)\s*=\s*(.+)$")


@dataclass
class DictEntry:
    """One entry: its phrases (words separated by spaces, upper case) and code blocks."""

    phrases: list[str] = field(default_factory=list)
    stems: list[bool] = field(default_factory=list)  # per phrase: last word is a stem
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, date restriction or "")
    plurals: list[str] | None = None  # None: regular plurals; []: none; else explicit forms
    agent: bool = False


def strip_comments(lines: Iterable[str]) -> Iterator[str]:
    """Lines without ``#`` comments and ``<!-- -->`` blocks."""
    in_block = False
    for raw in lines:
        line = raw.rstrip("\n")
        out = []
        i = 0
        while i < len(line):
            if in_block:
                j = line.find("-->", i)
                if j < 0:
                    i = len(line)
                    continue
                in_block = False
                i = j + 3
                continue
            if line.startswith("<!", i):
                in_block = True
                i += 2
                continue
            if line[i] == "#":
                break
            out.append(line[i])
            i += 1
        yield "".join(out)


def _phrase(text: str) -> tuple[str, bool]:
    """'ARNOR_' -> ('ARNOR', False); 'ARGENTIN' -> ('ARGENTIN', True)."""
    text = text.strip()
    exact = text.endswith("_")
    words = [w for w in re.split(r"[_\s]+", text) if w]
    return " ".join(words), not exact


def _parse_code(block: str) -> tuple[str, str]:
    parts = block.split(None, 1)
    if not parts:
        return "", ""
    code = parts[0]
    restriction = parts[1].strip() if len(parts) > 1 else ""
    # "<950601" written without a space after the code
    m = re.match(r"^([A-Za-z~\-+#/]+)([<>].*)$", code)
    if m:
        code, restriction = m.group(1), m.group(2)
    return code.strip(), restriction


def _expand(phrase: str, subst: dict[str, list[str]]) -> list[str]:
    for name, values in subst.items():
        if name in phrase:
            out: list[str] = []
            for value in values:
                out.extend(_expand(phrase.replace(name, value), subst))
            return out
    return [phrase]


def parse_actor_lines(lines: Iterable[str]) -> list[DictEntry]:
    """Parse an actor or agent dictionary into entries (codes still in PETRARCH form)."""
    entries: list[DictEntry] = []
    subst: dict[str, list[str]] = {}
    current: DictEntry | None = None

    def finish() -> None:
        nonlocal current
        if current is not None and current.phrases and current.codes:
            entries.append(current)
        current = None

    for line in strip_comments(lines):
        if not line.strip():
            continue
        m = _SUBST_RE.match(line)
        if m:
            subst[m.group(1)] = [v.strip().replace(" ", "_") for v in m.group(2).split(",") if v.strip()]
            continue
        stripped = line.strip()
        if stripped.startswith("+"):
            if current is None:
                continue
            text = _CODE_RE.sub("", stripped[1:])
            for expanded in _expand(text, subst):
                phrase, stem = _phrase(expanded)
                if phrase:
                    current.phrases.append(phrase)
                    current.stems.append(stem)
            current.codes.extend(_parse_code(c) for c in _CODE_RE.findall(stripped))
            continue
        if stripped.startswith("[") and current is not None and line[:1].isspace():
            current.codes.extend(_parse_code(c) for c in _CODE_RE.findall(stripped))
            continue
        if stripped.startswith("["):
            if current is not None:
                current.codes.extend(_parse_code(c) for c in _CODE_RE.findall(stripped))
            continue
        # a new entry
        finish()
        current = DictEntry()
        codes = _CODE_RE.findall(stripped)
        plural = _PLURAL_RE.search(stripped)
        if plural is not None:
            current.plurals = [_phrase(p)[0] for p in plural.group(1).split(",") if p.strip()]
        text = _PLURAL_RE.sub("", _CODE_RE.sub("", stripped))
        for expanded in _expand(text, subst):
            phrase, stem = _phrase(expanded)
            if phrase:
                current.phrases.append(phrase)
                current.stems.append(stem)
        current.codes.extend(_parse_code(c) for c in codes)
        current.agent = any("~" in c for c in codes)
    finish()
    return entries


def pick_code(codes: list[tuple[str, str]]) -> str | None:
    """The code that holds now: one without a date restriction, else the open-ended latest one."""
    usable = [(c, r) for c, r in codes if c and not set(c) <= set("-+#")]
    if not usable:
        return None
    for code, restriction in usable:
        if not restriction:
            return code
    for code, restriction in reversed(usable):
        if restriction.startswith(">"):
            return code
    return usable[-1][0]


def _date(value: str) -> int | None:
    digits = re.sub(r"\D", "", value)
    if len(digits) == 6:  # YYMMDD: 30-99 -> 19YY, 00-29 -> 20YY
        digits = ("19" if int(digits[:2]) >= 30 else "20") + digits
    return int(digits) if len(digits) == 8 else None


def date_range(restriction: str) -> tuple[int, int] | None:
    """'<950601' -> (0, 19950531); '>20130119' -> (20130120, 99999999);
    '19950601 - 19990815' -> (19950601, 19990815). None when there is no usable restriction."""
    r = restriction.replace(" ", "")
    if not r:
        return None
    if r[0] == "<":
        d = _date(r[1:])
        return (0, d - 1) if d else None
    if r[0] == ">":
        d = _date(r[1:])
        return (d + 1, 99999999) if d else None
    if "-" in r:
        lo, hi = r.split("-", 1)
        a, b = _date(lo), _date(hi)
        return (a, b) if a and b else None
    return None


def dated_codes(codes: list[tuple[str, str]]) -> tuple[tuple[str, int, int], ...]:
    """The codes that hold only between two dates, in dictionary order (the first match wins)."""
    out = []
    for code, restriction in codes:
        rng = date_range(restriction)
        if code and rng and not set(code) <= set("-+#"):
            out.append((code, rng[0], rng[1]))
    return tuple(out)


def split_actor_code(code: str) -> tuple[str, str | None]:
    """'ARNGOV' -> ('ARN', 'GOV'); 'IGOUNO' -> ('IGOUNO', None); 'ARN' -> ('ARN', None)."""
    code = code.upper().strip()
    if code[:3] in {"IGO", "NGO", "IMG", "MNC"} and len(code) >= 6:
        return code[:6], code[6:] or None
    return code[:3], code[3:] or None


def agent_sector(code: str) -> str | None:
    """'~GOV' -> 'GOV'; 'NGO~' -> 'NGO'; '~GOVFRM' -> 'GOVFRM'."""
    value = code.replace("~", "").strip().upper()
    return value or None


def regular_plurals(phrase: str) -> list[str]:
    """English plural of a phrase's last word (PETRARCH adds these automatically)."""
    words = phrase.split()
    if not words:
        return []
    last = words[-1]
    up = last.upper()
    if up.endswith("MAN"):
        plural = last[:-3] + ("MEN" if last.isupper() else "men")
    elif up.endswith("Y") and len(up) > 1 and up[-2] not in "AEIOU":
        plural = last[:-1] + ("IES" if last.isupper() else "ies")
    elif up.endswith(("S", "X", "CH", "SH", "Z")):
        plural = last + ("ES" if last.isupper() else "es")
    else:
        plural = last + ("S" if last.isupper() else "s")
    return [" ".join(words[:-1] + [plural])]
