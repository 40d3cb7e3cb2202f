-- Version 2: the timeline remembers which composer scenario produced a draft,
-- and the lookups the tracker makes most get indexes.
ALTER TABLE events ADD COLUMN scenario TEXT NOT NULL DEFAULT '';
CREATE INDEX events_by_interview ON events (interview_id, at);
CREATE INDEX interviews_by_start ON interviews (starts_at);
