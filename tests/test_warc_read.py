"""WARC reading: HTML responses only, offsets as origins, corrupt records, caps, ranges."""

from __future__ import annotations

import gzip

import pytest
from scale_support import warc_record, write_warc, zyte_warc

from amity.engines.shards import EngineReadOptions
from amity.models import Article, Rejection
from amity.sources import iter_articles
from amity.sources.warc import WarcOptions, plan_ranges, read_warc_range


def page(i: int) -> bytes:
    return (f"<html><head><title>Story {i}</title></head><body><article><p>Ministers of two countries met "
            f"for talks number {i} on defence cooperation.</p></article></body></html>").encode()


def mixed_records() -> list[bytes]:
    return [
        warc_record("https://news.example.org/1", page(1)),
        warc_record("https://news.example.org/logo.png", b"\x89PNG\r\n", ctype="image/png"),
        warc_record("https://news.example.org/moved", b"", status="301 Moved Permanently"),
        warc_record("https://news.example.org/1", b"GET / HTTP/1.1\r\n\r\n", rtype="request"),
        warc_record("https://news.example.org/2", page(2), ctype="application/xhtml+xml"),
        warc_record("https://news.example.org/3", page(3)),
    ]


@pytest.mark.parametrize("name", ["mixed.warc", "mixed.warc.gz"])
def test_only_html_200_responses_become_articles(tmp_path, name):
    path = write_warc(tmp_path / name, mixed_records())
    items = list(iter_articles([str(path)]))
    assert all(isinstance(i, Article) for i in items)
    assert [i.url for i in items] == [f"https://news.example.org/{n}" for n in (1, 2, 3)]
    assert items[0].origin == f"{path}#0"
    offsets = [int(i.origin.rsplit("#", 1)[1]) for i in items]
    assert offsets == sorted(offsets) and len(set(offsets)) == 3
    assert b"talks number 2" in items[1].content


def test_truncated_file_reports_the_cut_record(tmp_path):
    path = write_warc(tmp_path / "cut.warc.gz", [warc_record(f"https://e.org/{i}", page(i)) for i in range(4)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 60])
    items = list(read_warc_range(str(path)))
    assert [type(i).__name__ for i in items[:3]] == ["Article"] * 3
    assert isinstance(items[-1], Rejection) and "truncated" in items[-1].reason


def test_corrupt_record_is_rejected_and_the_rest_is_read(tmp_path):
    members = [gzip.compress(warc_record(f"https://e.org/{i}", page(i) * 20)) for i in range(5)]
    broken = bytearray(members[2])
    broken[40:80] = b"\xff" * 40
    members[2] = bytes(broken)
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"".join(members))
    items = list(read_warc_range(str(path)))
    urls = [i.url for i in items if isinstance(i, Article)]
    assert urls == ["https://e.org/0", "https://e.org/1", "https://e.org/3", "https://e.org/4"]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert rejections and all("corrupt" in r.reason for r in rejections)


def test_corrupt_bytes_in_plain_warc_resync(tmp_path):
    records = [warc_record(f"https://e.org/{i}", page(i)) for i in range(4)]
    records[1] = records[1].replace(b"Content-Length", b"Content-Lxngth", 1)[:150]
    path = tmp_path / "plain.warc"
    path.write_bytes(b"".join(records))
    items = list(read_warc_range(str(path)))
    urls = [i.url for i in items if isinstance(i, Article)]
    assert urls[0] == "https://e.org/0" and urls[-2:] == ["https://e.org/2", "https://e.org/3"]


def test_record_size_cap_and_gzip_bomb(tmp_path):
    bomb = gzip.compress(b"<p>" + b"a" * 30_000_000)
    records = [
        warc_record("https://e.org/huge", b"<html>" + b"x" * 3_000_000 + b"</html>"),
        warc_record("https://e.org/bomb", bomb, extra_http="Content-Encoding: gzip\r\n"),
        warc_record("https://e.org/ok", page(1)),
    ]
    path = write_warc(tmp_path / "caps.warc.gz", records)
    options = EngineReadOptions(warc=WarcOptions(max_record_bytes=1_000_000))
    items = list(read_warc_range(str(path), options=options))
    assert [type(i).__name__ for i in items] == ["Rejection", "Rejection", "Article"]
    assert all("cap" in i.reason for i in items[:2])


@pytest.mark.parametrize("per_range", [1, 2, 3, 50])
def test_ranges_cover_the_file_once(tmp_path, per_range):
    path = write_warc(tmp_path / "r.warc.gz", mixed_records() * 3)
    whole = [i.origin for i in read_warc_range(str(path))]
    ranges = plan_ranges(str(path), per_range)
    parts = [i.origin for start, end in ranges for i in read_warc_range(str(path), start, end)]
    assert parts == whole and len(whole) == 9


def test_zyte_pages_in_a_warc(shared_dir, tmp_path):
    path = zyte_warc(shared_dir, tmp_path / "zyte.warc.gz", limit=40)
    items = list(iter_articles([str(path)]))
    assert len(items) == 40 and all(isinstance(i, Article) and i.url.startswith("http") for i in items)
