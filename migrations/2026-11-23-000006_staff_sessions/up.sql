-- Server-side staff sessions: the cookie carries a random token, the database only its keyed hash.
-- Deleting rows revokes sessions at once (logout, password change, disabled account).
CREATE TABLE staff_sessions (
    token_hash   BYTEA PRIMARY KEY,
    staff_id     BIGINT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX staff_sessions_staff_idx ON staff_sessions (staff_id);

-- Internal notes of handlers on a request (not shown to the requester).
CREATE TABLE request_notes (
    id         BIGSERIAL PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES requests (id),
    staff_id   BIGINT NOT NULL REFERENCES staff_accounts (id),
    body       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX request_notes_request_idx ON request_notes (request_id);
