-- Staff accounts (register contact persons and administrators) sign in with an argon2id password;
-- a handler sees only the registers granted in staff_registers.
CREATE TABLE staff_accounts (
    id                   BIGSERIAL PRIMARY KEY,
    email                TEXT NOT NULL,
    name                 TEXT NOT NULL,
    role                 TEXT NOT NULL CHECK (role IN ('admin', 'handler')),
    password_hash        TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT TRUE,
    disabled_at          TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_accounts_email_key ON staff_accounts (lower(email));

CREATE TABLE staff_registers (
    staff_id     BIGINT NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    register_key TEXT NOT NULL REFERENCES registers (key),
    PRIMARY KEY (staff_id, register_key)
);
CREATE INDEX staff_registers_register_idx ON staff_registers (register_key);
