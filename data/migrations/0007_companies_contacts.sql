-- Version 7: companies and the people in them become records of their own,
-- and every interview links to its company and its contacts. Links are
-- made by Bridgekeeper in Go (a company's name is matched with accents,
-- case and legal suffixes set aside, which SQL cannot do): a row whose
-- company_id is NULL, or whose contacts_linked is 0, is linked by the next
-- write transaction, so rows another program adds are linked too.
CREATE TABLE companies (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL CHECK (name <> ''),
    -- match_key is the name folded and stripped of legal suffixes
    -- ("ACME, Inc." and "Acme Inc" both give "acme").
    match_key  TEXT NOT NULL UNIQUE,
    website    TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Other names a company goes by, kept when two companies are merged, so
-- "Acme Labs" keeps going to Acme once the user said they are one.
CREATE TABLE company_aliases (
    match_key  TEXT PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Pairs of companies the user said are not one, so they are not offered
-- for merging again.
CREATE TABLE companies_apart (
    a INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;

CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id INTEGER REFERENCES companies(id) ON DELETE SET NULL,
    name       TEXT NOT NULL DEFAULT '',
    -- match_key is the folded name, for a contact with no email.
    match_key  TEXT NOT NULL DEFAULT '',
    role       TEXT NOT NULL DEFAULT ''
               CHECK (role IN ('', 'recruiter', 'hiring-manager', 'interviewer', 'referral', 'other')),
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    linkedin   TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (name <> '' OR email <> '')
);
CREATE INDEX contacts_by_email ON contacts (lower(email)) WHERE email <> '';
CREATE INDEX contacts_by_name ON contacts (company_id, match_key) WHERE email = '';

-- auto marks a link Bridgekeeper made from the interview's contact fields,
-- which it remakes when they change; a link the user made stays.
CREATE TABLE interview_contacts (
    interview_id INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    auto         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (interview_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX interview_contacts_by_contact ON interview_contacts (contact_id);

ALTER TABLE interviews ADD COLUMN company_id INTEGER REFERENCES companies(id) ON DELETE SET NULL;
ALTER TABLE interviews ADD COLUMN contacts_linked INTEGER NOT NULL DEFAULT 0;
CREATE INDEX interviews_by_company ON interviews (company_id);
CREATE INDEX interviews_to_link ON interviews (id) WHERE company_id IS NULL OR contacts_linked = 0;

-- A changed company or contact is linked again by the next write; the
-- links made from the old fields go at once.
CREATE TRIGGER interviews_company_changed AFTER UPDATE OF company ON interviews
    WHEN NEW.company IS NOT OLD.company
BEGIN
    UPDATE interviews SET company_id = NULL, contacts_linked = 0 WHERE id = NEW.id;
    DELETE FROM interview_contacts WHERE interview_id = NEW.id AND auto = 1;
END;
CREATE TRIGGER interviews_contact_changed AFTER UPDATE OF contact_name, contact_email ON interviews
    WHEN NEW.contact_name IS NOT OLD.contact_name OR NEW.contact_email IS NOT OLD.contact_email
BEGIN
    UPDATE interviews SET contacts_linked = 0 WHERE id = NEW.id;
    DELETE FROM interview_contacts WHERE interview_id = NEW.id AND auto = 1;
END;

-- A reminder to reconnect: set when the user steps back and keeps the door
-- open, due on a date, done once they have written.
CREATE TABLE check_ins (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    interview_id INTEGER REFERENCES interviews(id) ON DELETE SET NULL,
    company_id   INTEGER REFERENCES companies(id) ON DELETE CASCADE,
    due_at       TEXT NOT NULL,
    done_at      TEXT NOT NULL DEFAULT '',
    -- uid names the check-in's event in calendars, as interviews' do.
    uid          TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX check_ins_due ON check_ins (due_at) WHERE done_at = '';
