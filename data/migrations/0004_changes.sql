-- Version 4: a count of write transactions. Every Bridgekeeper that writes
-- the file adds one to rev in the same transaction, so a window that sees
-- the count move by more than its own writes knows another program (the
-- command line, a second copy) changed the data, and reloads.
CREATE TABLE changes (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    rev INTEGER NOT NULL
);
INSERT INTO changes (id, rev) VALUES (1, 0);
