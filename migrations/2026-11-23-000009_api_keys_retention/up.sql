-- Integration API keys (marketing systems asking whether someone objected): only the keyed hash
-- of a key is stored; a key is scoped to registers, revocable, and its last use recorded.
CREATE TABLE api_keys (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL,
    key_hash     BYTEA NOT NULL UNIQUE,
    -- The first characters of the key, to recognise it in lists (not enough to use it).
    prefix       TEXT NOT NULL,
    created_by   BIGINT REFERENCES staff_accounts (id),
    created_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ
);

CREATE TABLE api_key_registers (
    api_key_id   BIGINT NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    register_key TEXT NOT NULL REFERENCES registers (key),
    PRIMARY KEY (api_key_id, register_key)
);

-- Bulk export of suppressions pages by id within a register.
CREATE INDEX suppressions_export_idx ON suppressions (register_key, id);

-- Retention: closed requests whose period has run out are found by closing time.
CREATE INDEX requests_retention_idx ON requests (closed_at) WHERE anonymised_at IS NULL;
