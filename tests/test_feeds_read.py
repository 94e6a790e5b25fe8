"""Feeds: RSS 0.91/2.0, Atom, OPML, entry full text or fetched link, and hostile feeds."""

from __future__ import annotations

import time

from scale_support import html, serve, xml

from amity.models import Article, Rejection
from amity.sources import iter_articles
from amity.sources.feeds import entity_problem, parse_feed
from amity.sources.fetch import FetchOptions, NetReadOptions

LOCAL = NetReadOptions(fetch=FetchOptions(allow_private_hosts=True, delay=0.0, timeout=5.0))
BODY = ("<p>The defence ministers of India and France agreed on Tuesday to build jet engines together, "
        "a step both governments called the most ambitious industrial project of their partnership. "
        "Officials said the first prototype would fly within five years, and that the engine would be "
        "built in India with French technology transferred under the agreement signed in Paris.</p>")
PAGE = "<html><head><title>Joint exercise</title></head><body><article><p>Navies drilled.</p></article></body></html>"


def rss2(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Defence Desk</title><link>{base}/</link><description>d</description>
<item><title>Engines deal</title><link>{base}/engines</link>
  <pubDate>Tue, 11 Jun 2024 08:30:00 GMT</pubDate><description>Teaser only.</description>
  <content:encoded><![CDATA[{BODY}]]></content:encoded></item>
<item><title>Joint exercise</title><link>{base}/exercise?utm_source=rss</link>
  <pubDate>Wed, 12 Jun 2024 09:00:00 GMT</pubDate><description>Short teaser.</description></item>
</channel></rss>"""


ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Security Wire</title><id>urn:x</id>
<updated>2024-06-13T00:00:00Z</updated>
<entry><title>Pact</title><id>urn:1</id><link href="https://news.example.org/pact"/>
<updated>2024-06-13T10:00:00Z</updated><content type="html"><![CDATA[{BODY}]]></content></entry>
</feed>"""

RSS091 = f"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old Wire</title><link>https://old.example.org/</link>
<description>d</description><language>en</language>
<item><title>Old story</title><description><![CDATA[{BODY}]]></description></item>
</channel></rss>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title></item></channel></rss>"""


def test_rss2_full_text_and_fetched_link(tmp_path):
    with serve({"/exercise": html(PAGE)}) as site:
        feed = tmp_path / "desk.rss"
        feed.write_text(rss2(site.base))
        items = list(iter_articles([str(feed)], LOCAL))
    full, fetched = items
    assert isinstance(full, Article) and "jet engines" in full.content
    assert (full.outlet, full.published, full.title, full.url) == (
        "Defence Desk", "2024-06-11", "Engines deal", site.url("/engines"))
    assert "/engines" not in site.paths()  # the feed carried the text: no fetch
    assert isinstance(fetched, Article) and "Navies drilled" in fetched.content
    assert (fetched.outlet, fetched.published, fetched.origin) == ("Defence Desk", "2024-06-12", site.url("/exercise"))


def test_atom_and_rss091(tmp_path):
    (tmp_path / "a.atom").write_text(ATOM)
    (tmp_path / "b.xml").write_text(RSS091)
    atom, old = iter_articles([str(tmp_path / "a.atom"), str(tmp_path / "b.xml")], LOCAL)
    assert (atom.outlet, atom.published, atom.url) == ("Atom Security Wire", "2024-06-13", "https://news.example.org/pact")
    assert old.outlet == "Old Wire" and "jet engines" in old.content and old.url is None


def test_opml_lists_feeds_and_a_dead_feed_does_not_stop_the_others(tmp_path):
    with serve({"/desk.rss": xml(rss2("https://news.example.org")), "/dead.rss": (500, {}, b"")}) as site:
        opml = tmp_path / "follow.opml"
        opml.write_text(f"""<?xml version="1.0"?><opml version="2.0"><head><title>f</title></head><body>
<outline text="News"><outline type="rss" text="dead" xmlUrl="{site.url('/dead.rss')}"/>
<outline type="rss" text="desk" xmlUrl="{site.url('/desk.rss')}"/></outline></body></opml>""")
        items = list(iter_articles([str(opml)], LOCAL))
    assert isinstance(items[0], Rejection) and items[0].reason == "HTTP 500"
    assert isinstance(items[1], Article) and items[1].outlet == "Defence Desk"


def test_feed_url_is_read_as_a_feed():
    with serve({"/feed": xml(ATOM, "application/atom+xml")}) as site:
        (article,) = iter_articles([site.url("/feed")], LOCAL)
    assert article.title == "Pact"


def test_entity_expansion_is_refused_before_parsing(tmp_path):
    feed = tmp_path / "laughs.rss"
    feed.write_text(BILLION_LAUGHS)
    started = time.process_time()
    (result,) = iter_articles([str(feed)], LOCAL)
    assert isinstance(result, Rejection) and "entit" in result.reason
    assert entity_problem(BILLION_LAUGHS.encode("utf-16")) is not None
    assert entity_problem(RSS091.encode()) is None  # a DOCTYPE without entities is fine
    assert time.process_time() - started < 5  # bounded, not a speed test


def test_feed_links_to_private_addresses_are_refused_without_the_flag(tmp_path):
    feed = tmp_path / "evil.rss"
    feed.write_text("""<rss version="2.0"><channel><title>Evil</title>
<item><title>a</title><link>http://169.254.169.254/latest/meta-data/</link></item>
<item><title>b</title><link>http://10.0.0.1/admin</link></item>
<item><title>c</title><link>http://127.0.0.1:9/</link></item></channel></rss>""")
    items = list(iter_articles([str(feed)], NetReadOptions(fetch=FetchOptions(delay=0.0, timeout=2.0))))
    assert len(items) == 3
    assert all(isinstance(i, Rejection) and "refused to connect" in i.reason for i in items)


def test_not_a_feed():
    assert isinstance(parse_feed(b"<html><body>hello</body></html>", "x"), (Rejection, list))
