-- Password reset links emailed to staff: single-use, valid one hour; only the keyed hash of the
-- link's token is stored.
CREATE TABLE staff_password_resets (
    token_hash BYTEA PRIMARY KEY,
    staff_id   BIGINT NOT NULL REFERENCES staff_accounts (id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX staff_password_resets_by_staff ON staff_password_resets (staff_id, created_at);
