"""Readers: files, folders, JSONL and standard input; each bad input is a Rejection, and the
batch goes on."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from amity.models import Article, Rejection
from amity.sources import ReadOptions, iter_articles, register_format, registry
from amity.sources.files import read_stdin

PROSE = "The two navies held a joint exercise off the coast on Tuesday.\n"


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _by_origin(items) -> dict[str, Article | Rejection]:
    return {item.origin: item for item in items}


def test_folder_is_walked_recursively_sorted_and_skips_hidden(tmp_path):
    _write(tmp_path / "b.txt", PROSE)
    _write(tmp_path / "a.html", "<html><body><p>x</p></body></html>")
    _write(tmp_path / "sub" / "c.htm", "<p>y</p>")
    _write(tmp_path / "sub" / "deeper" / "d.txt", PROSE)
    _write(tmp_path / ".hidden.txt", PROSE)
    _write(tmp_path / ".git" / "e.txt", PROSE)
    items = list(iter_articles([str(tmp_path)]))
    names = [Path(i.origin).relative_to(tmp_path).as_posix() for i in items]
    assert names == ["a.html", "b.txt", "sub/c.htm", "sub/deeper/d.txt"]
    assert [i.kind for i in items] == ["html", "text", "html", "text"]
    assert [i.name for i in items] == ["a", "b", "c", "d"]
    assert all(isinstance(i.content, bytes) for i in items)  # the cleaner decodes
    assert names == [Path(i.origin).relative_to(tmp_path).as_posix()
                     for i in iter_articles([str(tmp_path)])]  # deterministic


def test_hidden_files_can_be_included(tmp_path):
    _write(tmp_path / ".note.txt", PROSE)
    assert list(iter_articles([str(tmp_path)])) == []
    [item] = iter_articles([str(tmp_path)], ReadOptions(include_hidden=True))
    assert item.name == ".note"


@pytest.mark.timeout(20)
def test_symlink_loop_does_not_hang(tmp_path):
    _write(tmp_path / "x" / "a.txt", PROSE)
    os.symlink(tmp_path, tmp_path / "x" / "loop")
    os.symlink(tmp_path / "x", tmp_path / "x" / "self")
    items = list(iter_articles([str(tmp_path)]))
    assert [i.name for i in items] == ["a"]


def test_missing_path_is_a_rejection_and_the_batch_goes_on(tmp_path):
    good = _write(tmp_path / "good.txt", PROSE)
    items = list(iter_articles([str(tmp_path / "nope.txt"), str(good)]))
    assert isinstance(items[0], Rejection) and items[0].reason == "no such file or folder"
    assert isinstance(items[1], Article)


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"  \n\n\t ", "empty file (only whitespace)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file (not text)"),
])
def test_empty_and_binary_files_are_rejected(tmp_path, data, reason):
    path = _write(tmp_path / "bad.txt", data)
    _write(tmp_path / "ok.txt", PROSE)
    items = list(iter_articles([str(tmp_path)]))
    rejected = _by_origin(items)[str(path)]
    assert rejected == Rejection(str(path), "read", reason)
    assert isinstance(_by_origin(items)[str(tmp_path / "ok.txt")], Article)


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    _write(tmp_path / "small.txt", PROSE)
    items = _by_origin(iter_articles([str(tmp_path)]))
    rejection = items[str(big)]
    assert isinstance(rejection, Rejection) and rejection.stage == "read"
    assert "too large" in rejection.reason and "50.0 MB" in rejection.reason
    assert "20.0 MB" in rejection.reason
    assert isinstance(items[str(tmp_path / "small.txt")], Article)


def test_size_cap_is_an_option(tmp_path):
    path = _write(tmp_path / "a.txt", PROSE * 10)
    [item] = iter_articles([str(path)], ReadOptions(max_bytes=100))
    assert isinstance(item, Rejection) and "too large" in item.reason


def test_gzip_bomb_stops_at_the_cap(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b"a" * 5_000_000 + b"</p>"))
    [item] = iter_articles([str(path)], ReadOptions(max_bytes=1_000_000))
    assert isinstance(item, Rejection) and "too large" in item.reason
    [item] = iter_articles([str(path)])
    assert isinstance(item, Article) and item.kind == "html" and item.name == "page"


def test_unknown_extension_is_sniffed(tmp_path):
    html = _write(tmp_path / "page.php", "<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    text = _write(tmp_path / "story", PROSE)
    binary = _write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(300))
    items = _by_origin(iter_articles([str(tmp_path)]))
    assert items[str(html)].kind == "html"
    assert items[str(text)].kind == "text" and items[str(text)].name == "story"
    assert items[str(binary)] == Rejection(str(binary), "read", "binary file (not text)")


def test_jsonl_records_metadata_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "aukus-1", "text": PROSE, "url": "https://example.org/a",
                    "title": "Navies drill", "date": "2024-06-11T08:00:00Z",
                    "outlet": "Example News", "author": "A. Writer"}),
        "{not json",
        json.dumps({"html": "<p>Body</p>", "date": "June 12, 2024"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no body"}),
        json.dumps({"text": PROSE}),
    ]
    path = _write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = list(iter_articles([str(path)]))
    assert [i.origin for i in items] == [f"{path}:{n}" for n in (1, 2, 3, 5, 6, 7)]
    first, bad, html, not_object, no_body, last = items
    assert first == Article(origin=f"{path}:1", content=PROSE, kind="text", name="aukus-1",
                            url="https://example.org/a", title="Navies drill",
                            published="2024-06-11", outlet="Example News", author="A. Writer")
    assert isinstance(bad, Rejection) and "malformed JSON on line 2" in bad.reason
    assert html.kind == "html" and html.published == "2024-06-12" and html.name == "batch-3"
    assert isinstance(not_object, Rejection) and "not a JSON object" in not_object.reason
    assert isinstance(no_body, Rejection) and "'text' or 'html'" in no_body.reason
    assert last.name == "batch-7"


def test_jsonl_overlong_line_is_skipped_and_the_file_goes_on(tmp_path):
    long_line = json.dumps({"text": "x" * 5000})
    path = _write(tmp_path / "b.jsonl", long_line + "\n" + json.dumps({"text": PROSE}) + "\n")
    first, second = iter_articles([str(path)], ReadOptions(max_bytes=1000))
    assert isinstance(first, Rejection) and "line 1 is longer" in first.reason
    assert isinstance(second, Article) and second.origin == f"{path}:2"


def test_stdin_single_article_and_jsonl():
    [item] = read_stdin("-", ReadOptions(), io.BytesIO(b"<html><body><p>x</p></body></html>"))
    assert item.kind == "html" and item.origin == "<stdin>" and item.name == "stdin"
    [item] = read_stdin("-", ReadOptions(), io.BytesIO(PROSE.encode()))
    assert item.kind == "text"
    items = list(read_stdin("-", ReadOptions(),
                            io.BytesIO(b'{"text": "one two three"}\n{"text": "four"}\n')))
    assert [i.origin for i in items] == ["<stdin>:1", "<stdin>:2"]
    [item] = read_stdin("-", ReadOptions(), io.BytesIO(b""))
    assert item == Rejection("<stdin>", "read", "empty input")


def test_dash_reads_stdin(monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(PROSE.encode())

    monkeypatch.setattr("sys.stdin", FakeStdin())
    [item] = iter_articles(["-"])
    assert item.origin == "<stdin>" and item.content == PROSE.encode()


def test_a_new_format_plugs_in(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "_FORMATS", dict(registry._FORMATS))

    def read_upper(path, options):
        yield Article(origin=str(path), content=path.read_text().upper(), name="custom")

    register_format([".shout"], read_upper)
    path = _write(tmp_path / "a.shout", "hello")
    [item] = iter_articles([str(path)])
    assert item.content == "HELLO" and item.name == "custom"


def test_a_new_input_kind_plugs_in_first(monkeypatch):
    monkeypatch.setattr(registry, "_INPUTS", list(registry._INPUTS))
    registry.register_input("memo", lambda s: s.startswith("memo:"),
                            lambda s, o: iter([Article(origin=s, content=s[5:])]), first=True)
    [item] = iter_articles(["memo:hello"])
    assert item.content == "hello"
    assert registry.handler_names()[0] == "memo"


@pytest.mark.parametrize(("value", "iso"), [
    ("2024-06-11T08:00:00Z", "2024-06-11"),
    ("Tue, 11 Jun 2024 08:00:00 GMT", "2024-06-11"),
    ("June 11, 2024", "2024-06-11"),
    ("June 2024", None),  # no day: not guessed
    ("06/11/2024", None),  # day and month order unknown
    ("2024-13-45", None),
    ("yesterday", None),
    (20240611, None),
])
def test_container_dates(value, iso):
    from amity.sources.jsonl import iso_day

    assert iso_day(value) == iso


def test_unreadable_folder_is_a_rejection(tmp_path, monkeypatch):
    _write(tmp_path / "a.txt", PROSE)
    locked = tmp_path / "locked"
    _write(locked / "b.txt", PROSE)
    real_scandir = os.scandir

    def scandir(path="."):  # what listing a folder without permission does (even for root)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_articles([str(tmp_path)]))
    assert isinstance(items[0], Article)
    assert items[1] == Rejection(str(locked), "read", "cannot list folder: Permission denied")


def test_path_objects_are_accepted(tmp_path):
    path = _write(tmp_path / "a.txt", PROSE)
    [item] = iter_articles([path])
    assert item.origin == str(path)
