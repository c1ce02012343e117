-- Requesters without email (a letter, a call, a visit): staff enter the postal address instead, and
-- what would have been emailed to the requester becomes a letter that staff print and post. The
-- address is personal data of the request (erased with the other requester fields); a letter keeps
-- the same payload the outbox would have kept, until it is posted and the request anonymised.
ALTER TABLE requests ADD COLUMN requester_postal_address TEXT
    CHECK (char_length(requester_postal_address) <= 500);

CREATE TABLE letters (
    id          BIGSERIAL PRIMARY KEY,
    request_id  BIGINT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    template    TEXT NOT NULL,
    language    TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en', 'et')),
    payload     JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    posted_on   DATE,
    posted_by   BIGINT REFERENCES staff_accounts (id)
);
CREATE INDEX letters_request ON letters (request_id, id);
