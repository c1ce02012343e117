-- Registers are configured in config/registers/*.toml and synced here at start-up so that requests
-- can reference them by key; a register removed from config is kept (inactive) with its history.
CREATE TABLE registers (
    key              TEXT PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9-]{0,39}$'),
    register_name    TEXT NOT NULL,
    controller_name  TEXT NOT NULL,
    jurisdiction     TEXT NOT NULL CHECK (jurisdiction IN ('fi', 'ee')),
    languages        TEXT[] NOT NULL,
    contact_email    TEXT NOT NULL,
    -- The validated register description as last synced (shown on forms and in answers).
    config           JSONB NOT NULL,
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    synced_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
