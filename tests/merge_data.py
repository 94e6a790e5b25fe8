"""Helpers for the merge, query and web tests: a database loaded with tests/data/merge/."""

from __future__ import annotations

import json
from pathlib import Path

from amity.merge import evaluate
from amity.store import documents as store_docs
from amity.store import merge as store_merge

DATA = Path(__file__).parent / "data" / "merge"


def articles() -> list[dict]:
    return evaluate.load_articles(DATA / "articles.jsonl")


def specs() -> list[dict]:
    return [json.loads(ln) for ln in (DATA / "instances.jsonl").read_text(encoding="utf-8").splitlines() if ln.strip()]


def rows() -> list[dict]:
    return evaluate.instance_rows(articles(), specs())


def gold_labels() -> dict[tuple[str, int], str]:
    return {(r["doc_id"], r["idx"]): s["cluster"] for r, s in zip(rows(), specs())}


def load(con, doc_ids=None) -> list[str]:
    """Store the articles (all, or these ids) and their instance rows; returns the ids stored."""
    wanted = set(doc_ids) if doc_ids is not None else None
    stored = []
    for art in articles():
        if wanted is None or art["id"] in wanted:
            store_docs.insert_document(con, evaluate.article_document(art))
            stored.append(art["id"])
    store_merge.insert_instance_rows(con, [r for r in rows() if r["doc_id"] in stored])
    return stored


def assignment(con) -> dict[tuple[str, int], str]:
    return {(d, i): e for d, i, e in con.execute("SELECT doc_id, idx, event_id FROM event_mentions").fetchall()}


def merged_connection():
    """An in-memory database holding the test articles, merged."""
    from amity.merge import merge
    from amity.store import db

    con = db.connect(":memory:")
    load(con)
    merge(con)
    return con
