-- Version 6: every interview gets a calendar UID of its own, random, so an
-- export names the same event in every calendar for as long as the interview
-- lives, and never another interview's event in another database (the old
-- interview-<id>@bridgekeeper names repeated in every file). A location
-- (an address or a video link) comes in from invites and spreadsheets, and
-- an imported invite's own UID and SEQUENCE let the same invite imported
-- again update its interview instead of adding a second one.
ALTER TABLE interviews ADD COLUMN uid TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN invite_uid TEXT NOT NULL DEFAULT '';
ALTER TABLE interviews ADD COLUMN invite_sequence INTEGER NOT NULL DEFAULT 0;

-- A random (version 4) UUID for each row there is.
UPDATE interviews SET uid =
    lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
    substr(lower(hex(randomblob(2))), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
    lower(hex(randomblob(6))) || '@bridgekeeper';

CREATE UNIQUE INDEX interviews_by_uid ON interviews (uid) WHERE uid <> '';
CREATE INDEX interviews_by_invite ON interviews (invite_uid) WHERE invite_uid <> '';
-- Finds an interview already in the tracker by company and start time, so
-- an import never doubles one.
CREATE INDEX interviews_same ON interviews (lower(trim(company)), starts_at);
