-- +goose Up
-- The log: one row per event, in order. The envelope is the canonical bytes
-- the Merkle leaf commits to (eventlog/FORMAT.md); leaf is its RFC 6962 leaf
-- hash. The payload is committed to only through the hash in the envelope,
-- so erasing a person sets their payloads to NULL while the envelopes, and
-- so the tree, stay whole.
CREATE TABLE events (
    seq      INTEGER PRIMARY KEY,
    envelope BLOB NOT NULL,
    leaf     BLOB NOT NULL,
    payload  BLOB
);

-- Signed checkpoints, one per commit (C2SP tlog-checkpoint, signed note).
CREATE TABLE checkpoints (
    size INTEGER PRIMARY KEY,
    note BLOB NOT NULL
);

-- Store identity and the tree's frontier. Never the signing key.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

-- The projection: current state, rebuilt from the log by `vigil rebuild`.
-- Each row names the event (seq) that produced it and its payload's
-- SHA-256 (hash), against which a re-import is compared.
CREATE TABLE sources (
    id         TEXT PRIMARY KEY,
    seq        INTEGER NOT NULL,
    hash       BLOB NOT NULL,
    kind       TEXT NOT NULL,
    scheme     TEXT NOT NULL,
    code       TEXT NOT NULL,
    originator TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE subjects (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    hash        BLOB NOT NULL,
    status      TEXT NOT NULL,
    compartment TEXT NOT NULL
) WITHOUT ROWID;

-- Identifying attributes with their provenance: item is the item that
-- asserted the attribute, '' when the subject record did.
CREATE TABLE identity_attributes (
    subject TEXT NOT NULL,
    field   TEXT NOT NULL,
    value   TEXT NOT NULL,
    item    TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    PRIMARY KEY (subject, field, value, item)
) WITHOUT ROWID;

CREATE TABLE investigations (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    hash        BLOB NOT NULL,
    name        TEXT NOT NULL,
    tier        TEXT NOT NULL,
    compartment TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE investigation_subjects (
    investigation TEXT NOT NULL,
    subject       TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    PRIMARY KEY (investigation, subject)
) WITHOUT ROWID;
CREATE INDEX investigation_subjects_subject ON investigation_subjects (subject);

-- What assessment and visibility need of an item, in columns; the rest
-- (handling, conditions, summary, mentions) is read from its payload.
CREATE TABLE items (
    id           TEXT PRIMARY KEY,
    seq          INTEGER NOT NULL,
    hash         BLOB NOT NULL,
    source       TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    grade_scheme TEXT NOT NULL,
    grade_code   TEXT NOT NULL,
    indicators   TEXT NOT NULL, -- space-separated codes, sorted
    derived_from TEXT NOT NULL, -- space-separated item ids, sorted
    compartment  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE item_subjects (
    item    TEXT NOT NULL,
    subject TEXT NOT NULL,
    role    TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    PRIMARY KEY (item, subject)
) WITHOUT ROWID;
CREATE INDEX item_subjects_subject ON item_subjects (subject);

CREATE TABLE links (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    hash        BLOB NOT NULL,
    from_id     TEXT NOT NULL,
    to_id       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    source      TEXT NOT NULL,
    item        TEXT NOT NULL
) WITHOUT ROWID;

-- Amendments and retractions are kept beside the records they change, so
-- any record can be seen as it stood at any moment.
CREATE TABLE amendments (
    id           TEXT PRIMARY KEY,
    seq          INTEGER NOT NULL,
    hash         BLOB NOT NULL,
    target_type  TEXT NOT NULL,
    target_id    TEXT NOT NULL,
    effective_at TEXT NOT NULL,
    fields       TEXT NOT NULL, -- canonical JSON object of the fields set
    rationale    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX amendments_target ON amendments (target_type, target_id);

CREATE TABLE retractions (
    id           TEXT PRIMARY KEY,
    seq          INTEGER NOT NULL,
    hash         BLOB NOT NULL,
    target_type  TEXT NOT NULL,
    target_id    TEXT NOT NULL,
    effective_at TEXT NOT NULL,
    rationale    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX retractions_target ON retractions (target_type, target_id);

-- Each import: who ran it, from what file, and what it did.
CREATE TABLE imports (
    id        TEXT PRIMARY KEY,
    seq       INTEGER NOT NULL,
    hash      BLOB NOT NULL,
    actor     TEXT NOT NULL,
    purpose   TEXT NOT NULL,
    file      TEXT NOT NULL,
    sha256    TEXT NOT NULL,
    added     INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    rejected  INTEGER NOT NULL
) WITHOUT ROWID;

-- +goose Down
DROP TABLE imports;
DROP TABLE retractions;
DROP TABLE amendments;
DROP TABLE links;
DROP TABLE item_subjects;
DROP TABLE items;
DROP TABLE investigation_subjects;
DROP TABLE investigations;
DROP TABLE identity_attributes;
DROP TABLE subjects;
DROP TABLE sources;
DROP TABLE meta;
DROP TABLE checkpoints;
DROP TABLE events;
