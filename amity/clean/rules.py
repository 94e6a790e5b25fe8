"""Line rules for flattened scrapes: each says whether one line is a known kind of page furniture.

A rule looks at one line only (whitespace already folded). :data:`LINE_RULES` is the ordered
table the text cleaner applies; the first rule that matches names the reason a line is dropped.
Rules in :data:`STOP_RULES` also mark where an article ends (related posts, bios, comments).
Rules are deliberately conservative on long lines: a sentence of the article must never match.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from amity.clean.dates import find_dates, is_date_line

Rule = Callable[[str], bool]

_WORD = r"[A-Z][A-Za-z'’.-]*(?![\w])"
_NAME = rf"{_WORD}(?:\s+(?:{_WORD}|de|da|van|von|bin|al|el|la|le)(?![\w]))*"
_BY_START = re.compile(r"^(?:by|written by|posted by|words by|story by|author|reporter)\s*:?\s+"
                       rf"(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)", re.IGNORECASE)
_BY_INSIDE = re.compile(rf"\bBy\s+(?P<name>{_NAME}(?:\s+and\s+{_NAME})?)")
# "Posted on July 8, 2024 by Kenji Morita": a lower-case "by" after a dated label
_BY_AFTER_DATE = re.compile(rf"\bby\s+(?P<name>{_NAME}(?:\s+and\s+{_NAME})?)")
_AGE = r"\d{1,3}\s*(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago"
_TEASER = re.compile(rf"^(?P<section>[A-Z][\w&'’ /-]{{0,30}}?)(?P<gap>\s*){_AGE}\s*\S",
                     re.IGNORECASE)
_AGE_ONLY = re.compile(rf"^(?:updated\s+|posted\s+)?{_AGE}(?:\s+at\s+\d{{1,2}}[:.]\d{{2}}\s*"
                       r"(?:[ap]\.?m\.?)?)?$", re.IGNORECASE)
_SOCIAL = {
    "share", "shares", "sharing", "tweet", "facebook", "twitter", "x", "whatsapp", "linkedin",
    "email", "e-mail", "mail", "telegram", "reddit", "pinterest", "print", "copy", "link",
    "messenger", "flipboard", "tumblr", "threads", "bluesky", "on", "this", "article", "via",
    "opens", "in", "new", "window", "click", "to", "the", "story", "save", "pocket", "vk",
}
_CAPTION = re.compile(r"^(?:\(?\s*)(?:photo|image|picture|pic|photograph|caption|file photo|"
                      r"video|graphic|illustration|credit|photo credit|image credit|source image)"
                      r"s?\s*(?:credit)?\s*[:|]", re.IGNORECASE)
_CREDIT_TAIL = re.compile(r"(?:/|\|)\s*(?:getty images|afp|reuters|ap|epa|shutterstock|"
                          r"file)\b[\w ./]*\)?$", re.IGNORECASE)
# "Read also" in the languages of outlets that publish in English too (their templates keep them).
_READ_ALSO_OTHER = ("leia (?:também|mais)|veja (?:também|mais)|saiba mais|lea (?:también|más)|"
                    "lee (?:también|más)|ver también|te puede interesar|(?:à )?lire aussi|voir aussi|"
                    "lesen sie auch|mehr zum thema|auch interessant|leggi anche|baca juga|lees ook|"
                    "czytaj (?:też|także)|ilgili haber")
_RELATED = re.compile(
    r"^(?:related(?:\s+(?:posts?|articles?|stories|news|coverage|content|reading|topics))?|"
    r"read (?:more|also|next)|also read|see also|more (?:from|on|in|stories|news|like this)\b.*|"
    r"you (?:may|might) (?:also )?(?:like|be interested in)|recommended(?: for you)?|"
    r"most (?:read|popular|viewed)|trending(?: now| stories)?|latest (?:news|stories|posts)|"
    rf"popular (?:posts|stories)|what to read next|editor'?s picks|top stories|don'?t miss|{_READ_ALSO_OTHER})"
    r"\s*[:.!»›>-]?\s*$", re.IGNORECASE)
_READ_MORE_LINK = re.compile(r"^(?:read more|read also|also read|see also|related|watch|listen|"
                             rf"more|read|{_READ_ALSO_OTHER})\s*[:|»›>-]\s*\S", re.IGNORECASE)
_CREDITS = re.compile(r"^\(?\s*(?:prepared|compiled|edited|translated|reporting|writing|editing|"
                      r"additional reporting|produced|fact[- ]checked|reviewed)\s+by\b", re.IGNORECASE)
_CREDITS_COLON = re.compile(r"^(?:prepared|compiled|edited|translated|produced)\s*(?:by)?\s*:",
                            re.IGNORECASE)
_SUBSCRIBE = re.compile(
    r"^(?:subscribe|sign up|sign in|log in|register|follow us|follow @|join (?:us|our)|"
    r"get (?:our|the latest)|download (?:our|the) app|like us on)\b|"
    r"\b(?:subscribe|sign up) (?:to|for) (?:our|the|a) (?:free )?(?:daily |weekly )?"
    r"(?:newsletter|channel|updates|alerts|podcast)|\bfollow (?:us|me) on\b|"
    r"\bnewsletter\b.*\b(?:inbox|sign up|subscribe)\b|\bturn on notifications\b", re.IGNORECASE)
_ADVERT = re.compile(r"^(?:advertisement|advert|ads?|sponsored(?: content)?|promoted|"
                     r"story continues (?:below|after)(?: advertisement)?|"
                     r"scroll (?:down )?to (?:continue|read)\b.*|continue reading\b.*)$", re.IGNORECASE)
# Reading aids: "Listen to this article 3 min", "5 min read", "Reading time: 4 minutes", "Listen".
_READING_AID = re.compile(r"^(?:listen(?: to)?(?: this)?(?: article| story)?|(?:estimated )?reading time|"
                          r"\d+\s*(?:-|\s)?min(?:ute)?s?\s+(?:read|listen)|audio(?: version)?|"
                          r"play(?: audio)?|text size|font size|a-?\s*a\+?)"
                          r"\s*[:(|·-]?\s*(?:\d+\s*(?:min(?:ute)?s?|m|sec(?:ond)?s?)\.?)?\s*\)?$",
                          re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s)|\ball rights reserved\b", re.IGNORECASE)
_COPYRIGHT_START = re.compile(r"^(?:©|\(c\)\s|copyright\s+(?:©|\(c\)|\d{4}))", re.IGNORECASE)
_TAGS = re.compile(r"^(?:tags?|topics?|filed under|categories|category|keywords)\s*:", re.IGNORECASE)
_COMMENTS = re.compile(r"^[\[(]?\s*(?:\d+\s+)?(?:comments?|responses?|replies)\s*(?:\(\d+\))?\s*"
                       r"[\])]?\s*$|^\d+\s+(?:comments?|responses?|replies)\b|"
                       r"^(?:top rated|most recent|newest|oldest|all|reader|view all) comments\b|"
                       r"^(?:leave|post|add|write|submit) (?:a|your) (?:reply|comment)\b|"
                       r"^join the (?:conversation|discussion)\b|^comments are closed\b|"
                       r"^(?:you must be logged in|log in to comment|show comments|view comments)"
                       r"\b|^(?:sort by|newest|oldest) (?:newest|oldest|first)?", re.IGNORECASE)
# "thelastchargersfan says:", "Catherine (GiveWell) on September 13, 2018 at 5:23 pm said:"
_COMMENTER = re.compile(r"^\S+(?:\s\S+)?\s+(?:says|wrote|replied)\s*:$|"
                        r"^.{1,60}\bon\s.{4,30}\d{4}(?:\s+at\s+[\d:.]+\s*[ap]\.?m\.?)?\s+said\s*:$",
                        re.IGNORECASE)
_BIO_HEAD = re.compile(r"^(?:about the (?:author|writer|reporter)s?|about us|author bio|"
                       r"the author)\s*:?$", re.IGNORECASE)
_COOKIES = re.compile(r"\b(?:we use cookies|uses cookies|cookie (?:policy|settings|preferences)|"
                      r"accept (?:all )?cookies)\b", re.IGNORECASE)
_NAV = re.compile(r"^(?:home|menu|search|skip to (?:main )?content|back to top|next|previous|"
                  r"prev|close|toggle navigation|main menu|navigation|more|load more|show more|"
                  r"view all|see all|sections?|privacy policy|terms of (?:use|service)|"
                  r"contact us|about|careers|sitemap)\s*[»›>]?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def words(text: str) -> list[str]:
    return text.split()


def word_count(text: str) -> int:
    """Words in ``text``; in Chinese and Japanese, which do not space words, two characters
    count as one word."""
    return max(len(text.split()), len(_CJK.findall(text)) // 2)


def is_separator(text: str) -> bool:
    """A line of punctuation only: "-", "***", "• • •"."""
    return not any(ch.isalnum() for ch in text)


def is_date_only(text: str) -> bool:
    """A page-header or byline date standing alone ("Sat. Jul 27th, 2024")."""
    return len(text) <= 80 and is_date_line(text)


def byline_name(text: str) -> str | None:
    """The author a byline names, or None when the line is not a byline.

    Matches "By Natasha Kumar", "Written by A and B", and the scraped form
    "Natasha Kumar By Natasha Kumar Jun11,2024" (a name, "By", the name again or a date) and
    "Posted on July 8, 2024 by Kenji Morita".
    A headline such as "Japan Stands By Manila" is not a byline: nothing follows the name.
    """
    n_words = len(words(text))
    if len(text) > 160 or n_words > 16 or _SENTENCE_END.search(text) and (
            n_words > 8 or not find_dates(text[-20:])):
        return None
    start = _BY_START.match(text)
    if start:
        return _before_date(text, start.start("name"), start.end("name"))
    inside = _BY_INSIDE.search(text) or _BY_AFTER_DATE.search(text)
    if not inside:
        return None
    name = _before_date(text, inside.start("name"), inside.end("name"))
    before, after = text[: inside.start()].strip(), text[inside.end():].strip(" ,|-–—·•")
    repeated = before.endswith(name) or name.startswith(before) and before
    dated = bool(after) and is_date_line(after) or bool(before) and is_date_line(before)
    return name if repeated or dated else None


def _before_date(text: str, start: int, end: int) -> str:
    """The name between ``start`` and ``end``, cut where a date begins ("Kumar June 11, 2024")."""
    for found in find_dates(text):
        if start <= found.start < end:
            end = found.start
    return text[start:end].strip(" ,")


def is_byline(text: str) -> bool:
    return byline_name(text) is not None


def is_teaser(text: str) -> bool:
    """A sidebar teaser: section, age and headline run together ("Science3 months agoX"), or
    spaced ("World 3 hours ago Troops arrive") when the line is a short headline, not a sentence
    ("Nearly 10 years ago, the two navies signed a pact." is not a teaser)."""
    if _AGE_ONLY.match(text):
        return True
    match = _TEASER.match(text)
    if not match:
        return False
    if not match["gap"]:  # "Lifestyle2 months ago": no scrape of prose looks like this
        return True
    return (len(words(match["section"])) <= 3 and len(text) <= 160
            and not _SENTENCE_END.search(text) and "," not in text[match.end() - 2:match.end()])


def is_share_line(text: str) -> bool:
    """Share buttons flattened to text: "Share this:", "Facebook Twitter WhatsApp Email"."""
    tokens = [t.strip(":|•·()[]").lower() for t in words(text)]
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > 12:
        return False
    social = sum(t in _SOCIAL for t in tokens)
    return social == len(tokens) and any(t in _SOCIAL - {"on", "this", "in", "to", "the", "new",
                                                         "article", "story", "via"} for t in tokens)


def is_caption(text: str) -> bool:
    """A photo caption or credit: "Photo: ...", "... (Photo by X/Getty Images)"."""
    return bool(_CAPTION.match(text)) or (len(text) < 200 and bool(_CREDIT_TAIL.search(text)))


def is_related_heading(text: str) -> bool:
    return len(text) <= 60 and bool(_RELATED.match(text))


def is_read_more_link(text: str) -> bool:
    """An inline link to another story: "READ MORE: Navy commissions ..."."""
    return len(text) <= 200 and bool(_READ_MORE_LINK.match(text))


def is_credit_line(text: str) -> bool:
    """Production credits: "Prepared by: X", "Reporting by X; Editing by Y". A sentence such as
    "Produced by Hanwha, the K9 howitzer is in service in Poland." is not one."""
    if len(text) > 200:
        return False
    if _CREDITS_COLON.match(text):
        return True
    credit_shaped = ";" in text or len(words(text)) <= 8 or not _SENTENCE_END.search(text)
    return bool(_CREDITS.match(text)) and credit_shaped


def is_subscribe_line(text: str) -> bool:
    return len(text) <= 200 and bool(_SUBSCRIBE.search(text))


def is_advert(text: str) -> bool:
    return len(text) <= 80 and bool(_ADVERT.match(text))


def is_reading_aid(text: str) -> bool:
    """Reading and listening aids a page puts around the headline: "Listen to this article 3 min",
    "5 min read", "Reading time: 4 minutes"."""
    return len(text) <= 60 and bool(_READING_AID.match(text.strip()))


def is_copyright(text: str) -> bool:
    """"© 2024 Example News. All rights reserved." (a long legal footer too, when it opens so)."""
    return bool(_COPYRIGHT_START.match(text)) or len(text) <= 200 and bool(_COPYRIGHT.search(text))


def is_tag_line(text: str) -> bool:
    return len(text) <= 300 and bool(_TAGS.match(text))


def is_comments_marker(text: str) -> bool:
    return len(text) <= 80 and bool(_COMMENTS.match(text))


def is_commenter(text: str) -> bool:
    """The head of a reader comment: "thelastchargersfan says:"."""
    return bool(_COMMENTER.match(text))


def is_bio_heading(text: str) -> bool:
    return bool(_BIO_HEAD.match(text))


def is_cookie_notice(text: str) -> bool:
    return len(text) <= 400 and bool(_COOKIES.search(text))


def is_navigation(text: str) -> bool:
    return len(text) <= 40 and bool(_NAV.match(text))


# Ordered: the first match names the reason. Stop rules mark the end of an article.
LINE_RULES: tuple[tuple[str, Rule], ...] = (
    ("separator", is_separator),
    ("date_line", is_date_only),
    ("teaser", is_teaser),
    ("byline", is_byline),
    ("caption", is_caption),
    ("share", is_share_line),
    ("related", is_related_heading),
    ("read_more", is_read_more_link),
    ("credits", is_credit_line),
    ("subscribe", is_subscribe_line),
    ("advert", is_advert),
    ("reading_aid", is_reading_aid),
    ("copyright", is_copyright),
    ("tags", is_tag_line),
    ("comments", is_comments_marker),
    ("commenter", is_commenter),
    ("bio_heading", is_bio_heading),
    ("cookies", is_cookie_notice),
    ("navigation", is_navigation),
)
# Sections that only ever follow the article: once one opens after some prose, the rest of the
# page is not the article (reader comments are prose, and often longer than the story).
TERMINAL_RULES: frozenset[str] = frozenset({"comments", "commenter"})
# Furniture that pages put *inside* articles: it says nothing about where the article ends.
INLINE_RULES: frozenset[str] = frozenset({"caption", "advert", "read_more", "subscribe", "reading_aid"})
STOP_RULES: frozenset[str] = frozenset({
    "related", "credits", "copyright", "tags", "comments", "bio_heading", "teaser", "author_bio",
})


def boilerplate_reason(text: str) -> str | None:
    """The name of the first rule that matches ``text``, or None for an ordinary line."""
    return next((name for name, rule in LINE_RULES if rule(text)), None)
