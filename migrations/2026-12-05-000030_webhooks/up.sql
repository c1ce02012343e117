-- Objection webhooks: when an objection to direct marketing takes effect or is lifted, each endpoint
-- of the register's `[[webhooks]]` that wants the event gets a signed POST through the job queue.
-- A delivery is one event to one endpoint, written in the transaction of the suppression change;
-- its attempts are kept one row each (status code or error), for staff on the request page. No
-- personal data is stored here: the body is built from the request's suppression entries when sent.
CREATE TABLE webhook_deliveries (
    id              BIGSERIAL PRIMARY KEY,
    request_id      BIGINT NOT NULL REFERENCES requests (id),
    register_key    TEXT NOT NULL REFERENCES registers (key),
    endpoint        TEXT NOT NULL,
    -- The `webhook-id` header: the same for every endpoint and every attempt of one event.
    event_id        TEXT NOT NULL,
    event_type      TEXT NOT NULL CHECK (event_type IN ('objection.recorded', 'objection.lifted')),
    occurred_at     TIMESTAMPTZ NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'delivered', 'failing', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ,
    UNIQUE (event_id, endpoint)
);
CREATE INDEX webhook_deliveries_request ON webhook_deliveries (request_id, id);

CREATE TABLE webhook_attempts (
    id           BIGSERIAL PRIMARY KEY,
    delivery_id  BIGINT NOT NULL REFERENCES webhook_deliveries (id),
    attempt      INTEGER NOT NULL CHECK (attempt >= 1),
    status_code  INTEGER,
    error        TEXT,
    attempted_at TIMESTAMPTZ NOT NULL,
    CHECK (status_code IS NOT NULL OR error IS NOT NULL)
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempt);
