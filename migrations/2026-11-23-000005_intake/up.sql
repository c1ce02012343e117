-- The requester's side: email-possession checks (only keyed hashes of links and codes are stored),
-- the private status link, clock pauses (LAW.md 1.4), suppression entries written by objections,
-- idempotent submissions and rate limits that hold across instances.
ALTER TABLE requests ADD COLUMN status_token_hash BYTEA UNIQUE;

CREATE TABLE request_verifications (
    id             BIGSERIAL PRIMARY KEY,
    request_id     BIGINT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    token_hash     BYTEA NOT NULL UNIQUE,
    code_hash      BYTEA NOT NULL,
    issued_at      TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    wrong_attempts INTEGER NOT NULL DEFAULT 0,
    used_at        TIMESTAMPTZ,
    invalidated_at TIMESTAMPTZ
);
CREATE INDEX request_verifications_request_idx ON request_verifications (request_id, issued_at);

-- Periods in which the deadline clock stood still: waiting for the requester's email confirmation,
-- identity information or clarification. answered_on NULL = still waiting.
CREATE TABLE request_pauses (
    id          BIGSERIAL PRIMARY KEY,
    request_id  BIGINT NOT NULL REFERENCES requests (id),
    reason      TEXT NOT NULL CHECK (reason IN ('email_verification', 'identity', 'clarification')),
    asked_on    DATE NOT NULL,
    answered_on DATE
);
CREATE INDEX request_pauses_request_idx ON request_pauses (request_id);

CREATE TABLE suppressions (
    id              BIGSERIAL PRIMARY KEY,
    register_key    TEXT NOT NULL REFERENCES registers (key),
    identifier_kind TEXT NOT NULL CHECK (identifier_kind IN ('email', 'phone')),
    -- Normalised: lower-case email or E.164 phone number.
    identifier      TEXT NOT NULL,
    purpose         TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'phone', 'post')),
    since           TIMESTAMPTZ NOT NULL,
    request_id      BIGINT NOT NULL REFERENCES requests (id),
    lifted_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX suppressions_active_key ON suppressions (register_key, identifier, purpose, channel, request_id)
    WHERE lifted_at IS NULL;
CREATE INDEX suppressions_lookup_idx ON suppressions (register_key, identifier) WHERE lifted_at IS NULL;

CREATE TABLE idempotency_keys (
    scope           TEXT NOT NULL,
    key             TEXT NOT NULL,
    fingerprint     BYTEA NOT NULL,
    response_status INTEGER,
    response_body   JSONB,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE rate_limits (
    bucket       TEXT NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    hits         INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
