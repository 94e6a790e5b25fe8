-- amity's DuckDB schema. Applied idempotently by amity.store.db.connect().
-- Each table names the stage that writes it.

-- clean/: one row per cleaned document; id is derived from the normalised text.
CREATE TABLE IF NOT EXISTS documents (
    id               VARCHAR PRIMARY KEY,
    origin           VARCHAR NOT NULL,
    name             VARCHAR,
    url              VARCHAR,
    title            VARCHAR,
    author           VARCHAR,
    published        DATE,
    published_source VARCHAR,
    outlet           VARCHAR,
    language         VARCHAR,
    flags            VARCHAR[],
    text             VARCHAR NOT NULL,
    ingested_at      TIMESTAMP NOT NULL,
    pipeline_version VARCHAR NOT NULL
);

-- Every input that did not become a document, or a document a later stage could not finish.
CREATE TABLE IF NOT EXISTS ingest_errors (
    origin VARCHAR NOT NULL,
    stage  VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    "at"   TIMESTAMP NOT NULL
);

-- actors/: one row per actor mention; start/end are offsets into documents.text.
CREATE TABLE IF NOT EXISTS mentions (
    doc_id   VARCHAR NOT NULL,
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     VARCHAR NOT NULL,
    code     VARCHAR NOT NULL,
    sector   VARCHAR,
    name     VARCHAR,
    role     VARCHAR,
    rule     VARCHAR,
    sentence INTEGER,
    PRIMARY KEY (doc_id, idx)
);

-- events/: one row per coded event as one sentence of one document reports it.
-- merge/ fills event_id: rows describing one happening share it.
CREATE TABLE IF NOT EXISTS event_mentions (
    doc_id           VARCHAR NOT NULL,
    idx              INTEGER NOT NULL,
    doc              VARCHAR NOT NULL,
    event_id         VARCHAR,
    source           VARCHAR NOT NULL,
    target           VARCHAR NOT NULL,
    source_actor     JSON,
    target_actor     JSON,
    type             VARCHAR NOT NULL,
    mode             VARCHAR,
    subtype          VARCHAR,
    cameo            VARCHAR,
    date             VARCHAR,
    date_precision   VARCHAR,
    status           VARCHAR NOT NULL,
    location         VARCHAR,
    location_country VARCHAR,
    lat              DOUBLE,
    lon              DOUBLE,
    "symmetric"      BOOLEAN NOT NULL, -- reserved word in DuckDB: always quote
    sentence         VARCHAR NOT NULL,
    sentence_start   INTEGER NOT NULL,
    sentence_end     INTEGER NOT NULL,
    trigger          VARCHAR NOT NULL,
    trigger_start    INTEGER NOT NULL,
    trigger_end      INTEGER NOT NULL,
    source_start     INTEGER,
    source_end       INTEGER,
    target_start     INTEGER,
    target_end       INTEGER,
    confidence       DOUBLE NOT NULL,
    coder_version    VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
-- Added after the first release: how the event's actors were read ("subj>obj", "cooccur>voice", ...).
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS role_rule VARCHAR;
-- How the date was found: stated | relative | inherited | background | publication | merged
-- (merged: written by the merger for an undated report that joined a dated happening).
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS date_basis VARCHAR;

