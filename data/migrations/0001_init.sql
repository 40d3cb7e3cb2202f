-- Version 1: the first schema. Interviews, their timeline, and key/value settings.
CREATE TABLE interviews (
    id            INTEGER PRIMARY KEY,
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

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    from_status  TEXT NOT NULL DEFAULT '',
    to_status    TEXT NOT NULL DEFAULT '',
    subject      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
