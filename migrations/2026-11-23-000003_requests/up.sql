-- Data-subject requests and their append-only, hash-chained event log: the record a controller
-- shows an auditor. Deadlines are stored as computed by the deadline engine so that the queue can
-- sort and filter on them with an index.
CREATE TABLE requests (
    id                BIGSERIAL PRIMARY KEY,
    reference         TEXT NOT NULL UNIQUE,
    register_key      TEXT NOT NULL REFERENCES registers (key),
    kind              TEXT NOT NULL CHECK (kind IN ('inspection', 'correction', 'objection', 'erasure')),
    channel           TEXT NOT NULL CHECK (channel IN ('web', 'api', 'letter', 'phone', 'visit', 'email')),
    language          TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en', 'et')),
    status            TEXT NOT NULL CHECK (status IN ('awaiting_verification', 'received', 'in_progress',
                          'awaiting_requester', 'completed', 'refused', 'withdrawn', 'expired')),
    -- Personal data: cleared when the request expires unverified or its retention period ends.
    requester_name    TEXT,
    requester_email   TEXT,
    requester_phone   TEXT,
    customer_number   TEXT,
    -- The kind's own fields (scope, correction items, objection purposes and channels).
    details           JSONB NOT NULL DEFAULT '{}'::jsonb,
    submitted_at      TIMESTAMPTZ NOT NULL,
    -- Date of receipt in the register's time zone (LAW.md R1); deadlines run from it.
    received_on       DATE NOT NULL,
    verified_at       TIMESTAMPTZ,
    deadline          DATE,
    extended_deadline DATE,
    extended          BOOLEAN NOT NULL DEFAULT FALSE,
    -- The deadline that applies now (extended or not, pauses included); the queue sorts on it.
    effective_deadline DATE,
    assignee_id       BIGINT REFERENCES staff_accounts (id),
    outcome           TEXT,
    closed_at         TIMESTAMPTZ,
    anonymised_at     TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX requests_queue_idx ON requests (register_key, effective_deadline, id)
    WHERE status IN ('received', 'in_progress', 'awaiting_requester');
CREATE INDEX requests_received_idx ON requests (register_key, received_on);
CREATE INDEX requests_email_idx ON requests (lower(requester_email));

CREATE TABLE request_events (
    id          BIGSERIAL PRIMARY KEY,
    request_id  BIGINT NOT NULL REFERENCES requests (id),
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    occurred_at TIMESTAMPTZ NOT NULL,
    actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('requester', 'staff', 'system', 'integration')),
    actor_staff_id BIGINT REFERENCES staff_accounts (id),
    kind        TEXT NOT NULL,
    payload     JSONB NOT NULL DEFAULT '{}'::jsonb,
    -- SHA-256 over the previous event's hash and this event's canonical content.
    prev_hash   BYTEA NOT NULL,
    hash        BYTEA NOT NULL,
    UNIQUE (request_id, seq)
);

-- Events are append-only: the database refuses to change or delete them.
CREATE FUNCTION request_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'request_events is append-only';
END;
$$;
CREATE TRIGGER request_events_no_update BEFORE UPDATE OR DELETE ON request_events
    FOR EACH ROW EXECUTE FUNCTION request_events_append_only();
