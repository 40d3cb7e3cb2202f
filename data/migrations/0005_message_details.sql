-- Version 5: a message filed on the timeline remembers how it went and what
-- it said of the reason (the channel, the reason given, how much of it was
-- disclosed, the tone), so later drafts can notice a second cancellation or
-- a reason that contradicts an earlier one.
ALTER TABLE events ADD COLUMN channel TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN disclose TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN tone TEXT NOT NULL DEFAULT '';
