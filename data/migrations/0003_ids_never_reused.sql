-- Version 3: an ID, once given out, is never given out again. Without
-- AUTOINCREMENT SQLite hands a new row the highest ID plus one, so deleting
-- the newest interview and adding another reused its ID: Undo then found the
-- ID taken, and a draft still linked to the deleted interview could have
-- been filed on the new one. SQLite cannot add AUTOINCREMENT to a table, so
-- both tables are rebuilt with their rows and IDs. The old timeline goes
-- first, so dropping the old interviews has nothing to cascade to.
CREATE TABLE interviews_v3 (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    company       TEXT NOT NULL CHECK (company <> ''),
    role          TEXT NOT NULL DEFAULT '',
    contact_name  TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    starts_at     TEXT NOT NULL DEFAULT '',
    timezone      TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'scheduled',
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE events_v3 (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    interview_id INTEGER NOT NULL REFERENCES interviews_v3(id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    from_status  TEXT NOT NULL DEFAULT '',
    to_status    TEXT NOT NULL DEFAULT '',
    subject      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    scenario     TEXT NOT NULL DEFAULT ''
);

INSERT INTO interviews_v3 (id, company, role, contact_name, contact_email, starts_at,
        timezone, status, notes, created_at, updated_at)
    SELECT id, company, role, contact_name, contact_email, starts_at,
        timezone, status, notes, created_at, updated_at
    FROM interviews;

INSERT INTO events_v3 (id, interview_id, at, kind, from_status, to_status, subject, body, scenario)
    SELECT id, interview_id, at, kind, from_status, to_status, subject, body, scenario
    FROM events;

DROP TABLE events;
DROP TABLE interviews;
ALTER TABLE interviews_v3 RENAME TO interviews;
ALTER TABLE events_v3 RENAME TO events;

CREATE INDEX events_by_interview ON events (interview_id, at);
CREATE INDEX interviews_by_start ON interviews (starts_at);
