-- A second factor for password sign-in (TOTP, RFC 6238) with one-time recovery codes, and the
-- half-done sign-ins waiting for it. The TOTP secret must be readable to check codes, so it is
-- stored encrypted with a key derived from the server secret, never in plain text; recovery codes
-- and challenge tokens only as keyed hashes.
ALTER TABLE staff_accounts
    ADD COLUMN totp_secret      BYTEA,
    ADD COLUMN totp_enabled_at  TIMESTAMPTZ,
    -- The last accepted time step: a code is accepted once (RFC 6238 §5.2).
    ADD COLUMN totp_last_step   BIGINT,
    -- A secret shown for enrolment and not yet confirmed with a code.
    ADD COLUMN totp_pending     BYTEA;

CREATE TABLE staff_recovery_codes (
    staff_id  BIGINT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    code_hash BYTEA NOT NULL,
    used_at   TIMESTAMPTZ,
    PRIMARY KEY (staff_id, code_hash)
);

-- A password accepted, the code not yet: the browser holds the token, valid a few minutes.
CREATE TABLE staff_sign_in_challenges (
    token_hash BYTEA PRIMARY KEY,
    staff_id   BIGINT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    failures   INT NOT NULL DEFAULT 0
);
CREATE INDEX staff_sign_in_challenges_by_staff ON staff_sign_in_challenges (staff_id);

-- How a session was opened: a password (with or without a second factor) or single sign-on,
-- whose provider is responsible for the second factor.
ALTER TABLE staff_sessions
    ADD COLUMN sign_in_method TEXT NOT NULL DEFAULT 'password'
        CHECK (sign_in_method IN ('password', 'password_totp', 'sso'));
