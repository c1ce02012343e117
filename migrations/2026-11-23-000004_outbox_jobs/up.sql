-- Emails and background work are rows written in the same transaction as the change that causes
-- them, so nothing acknowledged is lost; workers on any number of instances claim them with
-- FOR UPDATE SKIP LOCKED, retry with backoff and park repeated failures as "dead" for the admin.
CREATE TABLE outbox_messages (
    id              BIGSERIAL PRIMARY KEY,
    request_id      BIGINT REFERENCES requests (id),
    register_key    TEXT REFERENCES registers (key),
    template        TEXT NOT NULL,
    language        TEXT NOT NULL CHECK (language IN ('fi', 'sv', 'en', 'et')),
    recipient       TEXT NOT NULL,
    reply_to        TEXT,
    -- The template's variables; may hold a one-time link or code, so it is emptied once sent.
    payload         JSONB NOT NULL,
    message_id      TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_messages_request_idx ON outbox_messages (request_id);

CREATE TABLE jobs (
    id           BIGSERIAL PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      JSONB NOT NULL DEFAULT '{}'::jsonb,
    -- Jobs with the same key are created once (e.g. a schedule's run for one date).
    dedupe_key   TEXT UNIQUE,
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    run_at       TIMESTAMPTZ NOT NULL,
    last_error   TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ
);
CREATE INDEX jobs_due_idx ON jobs (run_at, id) WHERE status = 'pending';

-- Recurring schedules: whichever instance first moves next_run_at forward runs that occurrence.
CREATE TABLE schedules (
    name        TEXT PRIMARY KEY,
    cron        TEXT NOT NULL,
    time_zone   TEXT NOT NULL,
    job_kind    TEXT NOT NULL,
    next_run_at TIMESTAMPTZ NOT NULL,
    last_run_at TIMESTAMPTZ
);

CREATE FUNCTION notify_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('dsr_work', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_messages_notify AFTER INSERT OR UPDATE OF status, next_attempt_at ON outbox_messages
    FOR EACH STATEMENT EXECUTE FUNCTION notify_work();
CREATE TRIGGER jobs_notify AFTER INSERT ON jobs
    FOR EACH STATEMENT EXECUTE FUNCTION notify_work();
