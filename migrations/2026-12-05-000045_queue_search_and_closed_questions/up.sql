-- Staff find a request by part of the requester's email address or of its reference: trigram
-- indexes answer `LIKE '%…%'` without reading every request (pg_trgm is a trusted extension, so
-- the database's owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX requests_email_trgm_idx ON requests USING gin (lower(requester_email) gin_trgm_ops);
CREATE INDEX requests_reference_trgm_idx ON requests USING gin (reference gin_trgm_ops);

-- A question the handler closed without an answer, by completing or refusing the request while it
-- waited for the requester: its pause ended that day, and the page must not call it answered.
ALTER TABLE request_pauses ADD COLUMN closed_unanswered boolean NOT NULL DEFAULT false;
