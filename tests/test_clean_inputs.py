"""The cleaning stage on whole inputs: HTML pages, encodings, languages, and a batch of bad
files that must each get a reason while the rest goes through."""

from __future__ import annotations

from pathlib import Path

from amity.clean import clean, explain
from amity.models import Article, Document, Rejection
from amity.sources import iter_articles

PARAGRAPHS = [
    ("Australian, British and American defence ministers met in Canberra on Monday to review "
    "progress on the AUKUS submarine programme."),
    ("The ministers agreed a schedule for Australian sailors to train aboard American "
    "Virginia-class boats and confirmed that a British-designed submarine will be built in "
    "Adelaide."),
    ("Officials said maintenance of visiting American submarines at HMAS Stirling near Perth "
    "would begin in 2026, with Australian workers trained by US Navy crews."),
]

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>AUKUS ministers set submarine timetable | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta name="author" content="Priya Raman">
<meta property="article:published_time" content="2024-08-05T09:00:00+10:00">
<meta property="article:modified_time" content="2024-08-07T12:00:00+10:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/defence">Defence</a></li>
<li><a href="/world">World</a></li></ul></nav>
<article>
<h1>AUKUS ministers set submarine timetable</h1>
<p class="byline">By Priya Raman</p>
{}
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Rates on hold again</a></li>
<li><a href="/b">Storm warning for the coast</a></li></ul></aside>
<footer><p>© 2024 Harbour Times. All rights reserved.</p></footer>
</body></html>
""".format("\n".join(f"<p>{p}</p>" for p in PARAGRAPHS))

NO_ARTICLE = """<!DOCTYPE html><html><head><title>Login</title></head><body>
<form><label>User</label><input name="u"><button>Sign in</button></form>
<footer><a href="/privacy">Privacy</a></footer></body></html>"""

FRENCH = ("La France et l'Inde ont signé lundi à New Delhi un accord portant sur l'achat de "
          "vingt-six avions Rafale Marine destinés au porte-avions INS Vikrant. Les premières "
          "livraisons sont prévues pour 2028, a précisé le ministère des Armées.\n")
JAPANESE = ("日本とフィリピンは円滑化協定に署名し、両国の部隊が相互の領域で共同訓練を行えるように"
            "なった。防衛相は、南シナ海の安全保障環境が厳しさを増していると述べた。\n")


def _article(content: str | bytes, kind: str = "text", origin: str = "t") -> Article:
    return Article(origin=origin, content=content, kind=kind, name="n")


def test_html_page_body_and_metadata():
    doc = clean(_article(PAGE.encode("utf-8"), "html"))
    assert isinstance(doc, Document)
    assert doc.text.splitlines() == PARAGRAPHS  # one paragraph a line, nothing else
    assert doc.title == "AUKUS ministers set submarine timetable"
    assert doc.author == "Priya Raman"
    assert doc.outlet == "Harbour Times"
    assert doc.published == "2024-08-05"  # the original date, not the update
    assert doc.published_source == "html"
    assert doc.language == "en" and doc.flags == ()


def test_html_and_text_scrape_of_one_article_share_an_id():
    html = clean(_article(PAGE, "html"))
    scraped = "\n".join(["Home", "Defence", "Mon, Aug 5, 2024",
                         "AUKUS ministers set submarine timetable", "By Priya Raman",
                         *PARAGRAPHS, "Most read", "Rates on hold again",
                         "© 2024 Harbour Times. All rights reserved."])
    text = clean(_article(scraped))
    assert isinstance(html, Document) and isinstance(text, Document)
    assert text.text == html.text and text.id == html.id
    assert text.outlet == "Harbour Times"  # from the copyright line


def test_html_without_an_article_is_rejected_with_a_reason():
    result = clean(_article(NO_ARTICLE, "html", origin="login.html"))
    assert result == Rejection("login.html", "clean", "no article text found in the HTML page")


def test_non_english_text_is_kept_flagged_with_its_language():
    doc = clean(_article(FRENCH))
    assert isinstance(doc, Document)
    assert doc.language == "fr" and "non_english" in doc.flags
    assert "Rafale Marine" in doc.text


def test_cp1252_bytes_are_decoded_and_the_encoding_recorded():
    text = ("Poland’s defence minister said on Tuesday that the next K2 tanks – built in "
            "Bumar-Łabędy under licence – would be delivered in 2026. “We are on schedule,” "
            "he told reporters in Warsaw.\n").replace("Ł", "L").replace("ę", "e")
    report = explain(_article(text.encode("cp1252")))
    assert isinstance(report.result, Document)
    assert report.result.text == text.strip()
    # cp1250 and cp1252 agree on every character here: either is a right answer
    assert report.encoding in {"cp1252", "cp1250"}
    assert f"encoding:{report.encoding}" in report.result.flags


def test_shift_jis_bytes_become_a_flagged_japanese_document():
    doc = clean(_article((JAPANESE * 2).encode("shift_jis")))
    assert isinstance(doc, Document)
    assert doc.text.startswith("日本とフィリピンは円滑化協定に署名し")
    assert doc.language == "ja" and "non_english" in doc.flags
    assert any(f.startswith("encoding:") for f in doc.flags)


def test_undecodable_bytes_are_a_decode_rejection():
    import random

    rng = random.Random(7)
    noise = bytes(rng.choice(range(0x80, 0x100)) for _ in range(3000))
    result = clean(_article(noise, origin="noise.txt"))
    assert isinstance(result, Rejection) and result.stage == "decode"
    assert "encoding" in result.reason


def test_a_batch_of_bad_inputs_goes_on(tmp_path: Path):
    files = {
        "01-good.txt": ("Germany and Lithuania\n" + PARAGRAPHS[0] + "\n").encode(),
        "02-empty.txt": b"",
        "03-binary.txt": b"\x00\x01\x02PK\x03\x04" * 50,
        "04-cp1252.txt": FRENCH.encode("cp1252"),
        "05-sjis.txt": (JAPANESE * 2).encode("shift_jis"),
        "06-noarticle.html": NO_ARTICLE.encode(),
        "07-page.html": PAGE.encode(),
        "08-lines.jsonl": b'{"text": "' + PARAGRAPHS[1].encode() + b'"}\n{broken\n'
                          b'{"text": "' + PARAGRAPHS[2].encode() + b'"}\n',
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with open(tmp_path / "09-huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    results = {}
    for item in iter_articles([str(tmp_path)]):
        result = clean(item) if isinstance(item, Article) else item
        results[Path(result.origin).name] = result
    assert {k: (v.stage, v.reason) for k, v in results.items() if isinstance(v, Rejection)} == {
        "02-empty.txt": ("read", "empty file"),
        "03-binary.txt": ("read", "binary file (not text)"),
        "06-noarticle.html": ("clean", "no article text found in the HTML page"),
        "08-lines.jsonl:2": ("read", ("malformed JSON on line 2, column 2: Expecting property name "
                                     "enclosed in double quotes")),
        "09-huge.txt": ("read", ("file too large: 50.0 MB > the 20.0 MB cap "
                                "(ReadOptions.max_bytes)")),
    }
    documents = {k: v for k, v in results.items() if isinstance(v, Document)}
    assert sorted(documents) == ["01-good.txt", "04-cp1252.txt", "05-sjis.txt", "07-page.html",
                                 "08-lines.jsonl:1", "08-lines.jsonl:3"]
    assert documents["04-cp1252.txt"].language == "fr"
    assert documents["05-sjis.txt"].language == "ja"
    assert documents["08-lines.jsonl:3"].name == "08-lines-3"
