-- merge/: one row per happening, built from event_mentions (amity.merge.merge rewrites the rows of
-- the (pair, type) blocks it recomputes). event_mentions.event_id points here.
-- pair_a/pair_b: the actor pair sorted, so that a block is (pair_a, pair_b, type).
CREATE TABLE IF NOT EXISTS events (
    event_id         VARCHAR NOT NULL,
    pair_a           VARCHAR NOT NULL,
    pair_b           VARCHAR NOT NULL,
    source           VARCHAR NOT NULL,
    target           VARCHAR NOT NULL,
    source_actor     JSON,
    target_actor     JSON,
    "symmetric"      BOOLEAN NOT NULL,
    type             VARCHAR NOT NULL,
    mode             VARCHAR,
    subtype          VARCHAR,
    cameo            VARCHAR,
    date             VARCHAR,
    date_precision   VARCHAR,
    first_date       DATE,
    last_date        DATE,
    status           VARCHAR NOT NULL,
    location         VARCHAR,
    location_country VARCHAR,
    lat              DOUBLE,
    lon              DOUBLE,
    confidence       DOUBLE NOT NULL,
    intensity        DOUBLE,
    quad_class       INTEGER,
    n_sources        INTEGER NOT NULL,
    n_mentions       INTEGER NOT NULL,
    rep_doc_id       VARCHAR NOT NULL,
    rep_idx          INTEGER NOT NULL,
    first_published  DATE,
    last_published   DATE,
    merged_at        TIMESTAMP NOT NULL
);

-- The representative report's document name and sentence, so that lists need no join.
ALTER TABLE events ADD COLUMN IF NOT EXISTS doc VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS sentence VARCHAR;
-- How the event's date was found (its representative report's basis; amity.events.dates.BASES).
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_basis VARCHAR;
