-- Fails while a restriction, general objection or portability request exists: requests and their
-- append-only timelines are never deleted, so a rollback must not pretend they are gone.
ALTER TABLE requests DROP CONSTRAINT requests_kind_check;
ALTER TABLE requests ADD CONSTRAINT requests_kind_check
    CHECK (kind IN ('inspection', 'correction', 'objection', 'erasure'));
