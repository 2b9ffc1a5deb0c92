-- +goose Up
-- Decisions and consultations are events Vigil records itself
-- (eventlog/FORMAT.md sections 7 and 8); like every projection table these
-- are rebuilt from the log and compared with it by audit verify.

-- A decision's actor, purpose and recorded time are read from its envelope;
-- effective_at is the envelope's too, kept here for reads "as of" a time.
CREATE TABLE decisions (
    id           TEXT PRIMARY KEY,
    seq          INTEGER NOT NULL,
    hash         BLOB NOT NULL,
    type         TEXT NOT NULL,
    subject      TEXT NOT NULL, -- '' when none
    effective_at TEXT NOT NULL,
    rationale    TEXT NOT NULL,
    body         TEXT NOT NULL  -- the payload's body: compacted JSON
) WITHOUT ROWID;
CREATE INDEX decisions_type ON decisions (type, seq);

-- Actor and purpose repeat the envelope's so that an audit page can list
-- who read what, and why, without decoding envelopes.
CREATE TABLE consultations (
    id       TEXT PRIMARY KEY,
    seq      INTEGER NOT NULL,
    hash     BLOB NOT NULL,
    actor    TEXT NOT NULL,
    purpose  TEXT NOT NULL,
    what     TEXT NOT NULL,
    subjects TEXT NOT NULL, -- space-separated subject ids, sorted
    rows     INTEGER NOT NULL,
    query    TEXT NOT NULL  -- canonical JSON object of the parameters
) WITHOUT ROWID;

-- "Who consulted subject X?" is a range of this table's key. An index on
-- consultations.subjects could not answer it: the column holds a list, and
-- finding one id inside it means reading every row.
CREATE TABLE consultation_subjects (
    subject      TEXT NOT NULL,
    consultation TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    PRIMARY KEY (subject, consultation)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE consultation_subjects;
DROP TABLE consultations;
DROP TABLE decisions;
