-- scale (amity watch): what each polled feed answered last, and the entry links already taken.

-- One row per feed URL: the validators for the next conditional GET, and the last outcome.
CREATE TABLE IF NOT EXISTS feed_state (
    url           VARCHAR PRIMARY KEY,
    etag          VARCHAR,
    last_modified VARCHAR,
    polled_at     TIMESTAMP NOT NULL,
    status        INTEGER,            -- 200, 304, or NULL when the feed could not be fetched
    error         VARCHAR,
    new_entries   INTEGER NOT NULL DEFAULT 0
);

-- Entry links (canonical URLs) already ingested or rejected for good: never fetched again.
CREATE TABLE IF NOT EXISTS feed_items (
    url        VARCHAR PRIMARY KEY,
    feed       VARCHAR NOT NULL,
    first_seen TIMESTAMP NOT NULL
);

-- Engines: shards (a file, or a WARC record range, by path, size and mtime) whose documents are
-- all committed; a rerun after a crash skips them (see amity.engines.shards.ShardDone).
CREATE TABLE IF NOT EXISTS shards_done (
    key     VARCHAR PRIMARY KEY,
    done_at TIMESTAMP NOT NULL
);
