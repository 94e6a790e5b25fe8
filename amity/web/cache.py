"""Whole responses, cached per snapshot.

A snapshot never changes (amity/web/snapshot.py), so the answer to a GET is a function of the
snapshot and the URL alone: the first request renders it, later ones replay the stored bytes
until the server moves to a newer snapshot, whose cache starts empty. Only complete 200
answers that set no cookie are kept, in a least-recently-used store bounded in bytes. The
cache sits inside the token gate, so a request without the token never reaches it. Each GET
answer says ``X-Amity-Cache: hit`` (replayed) or ``miss`` (rendered now).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SLOT = "_responses"
HEADER = b"x-amity-cache"


@dataclass(frozen=True)
class CacheOptions:
    max_bytes: int = 64 * 2**20  # per snapshot; 0 turns the cache off
    max_entry: int = 2 * 2**20  # a larger answer is not kept


@dataclass(frozen=True)
class Stored:
    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class ResponseStore:
    """A bounded LRU of Stored answers, kept in one snapshot's cache dict."""

    def __init__(self, options: CacheOptions):
        self.options = options
        self.items: OrderedDict[tuple, Stored] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: tuple) -> Stored | None:
        with self.lock:
            found = self.items.get(key)
            if found is not None:
                self.items.move_to_end(key)
            return found

    def put(self, key: tuple, value: Stored) -> None:
        if len(value.body) > self.options.max_entry:
            return
        with self.lock:
            old = self.items.pop(key, None)
            if old is not None:
                self.size -= len(old.body)
            self.items[key] = value
            self.size += len(value.body)
            while self.size > self.options.max_bytes and self.items:
                _, dropped = self.items.popitem(last=False)
                self.size -= len(dropped.body)


def store_for(snap, options: CacheOptions) -> ResponseStore:
    store = snap.cache.get(SLOT)
    if store is None:
        store = snap.cache.setdefault(SLOT, ResponseStore(options))
    return store


def _key(scope: Scope) -> tuple:
    return (scope["path"], scope.get("query_string", b""))


class ResponseCache:
    """ASGI middleware: replay a stored answer of the current snapshot, or store a fresh one.

    The route's lease records the snapshot that answered in ``scope["state"]["snapshot"]``; an
    answer is filed under that snapshot, so it can never be replayed for other data. When a
    check for a newer snapshot is due, the request goes through the app (which makes the check).
    """

    def __init__(self, app: ASGIApp, snapshots, options: CacheOptions | None = None):
        self.app = app
        self.snapshots = snapshots
        self.options = options or CacheOptions()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or self.options.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        key = _key(scope)
        current = self.snapshots.current
        if current is not None and not self.snapshots.due():
            hit = store_for(current, self.options).get(key)
            if hit is not None:
                await send({"type": "http.response.start", "status": hit.status,
                            "headers": [*hit.headers, (HEADER, b"hit")]})
                await send({"type": "http.response.body", "body": hit.body})
                return
        start: Message | None = None
        chunks: list[bytes] = []
        complete = False

        async def capture(message: Message) -> None:
            nonlocal start, complete
            if message["type"] == "http.response.start":
                start = message
                message = {**message, "headers": [*message.get("headers", ()), (HEADER, b"miss")]}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                complete = not message.get("more_body", False)
            await send(message)

        await self.app(scope, receive, capture)
        snap = scope.get("state", {}).get("snapshot")
        if snap is None or start is None or not complete or start["status"] != 200:
            return
        headers = tuple(start.get("headers", ()))
        if any(name.lower() == b"set-cookie" for name, _ in headers):
            return
        store_for(snap, self.options).put(key, Stored(200, headers, b"".join(chunks)))
