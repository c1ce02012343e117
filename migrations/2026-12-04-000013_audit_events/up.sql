-- The audit log (issue 14): who created, changed, disabled or signed in to which account, which
-- integration key was created, revoked or used, which register was deactivated, and who viewed a
-- request's personal data, when and from which address. Append-only and hash-chained like the
-- request events, so that the controller can prove who had access and a rewrite is detectable.
CREATE TABLE audit_events (
    seq            BIGINT PRIMARY KEY CHECK (seq >= 1),
    occurred_at    TIMESTAMPTZ NOT NULL,
    actor_kind     TEXT NOT NULL CHECK (actor_kind IN ('staff', 'console', 'system', 'integration', 'anonymous')),
    actor_staff_id BIGINT REFERENCES staff_accounts (id),
    action         TEXT NOT NULL,
    subject        TEXT NOT NULL,
    address        TEXT,
    details        JSONB NOT NULL DEFAULT '{}',
    prev_hash      BYTEA NOT NULL,
    hash           BYTEA NOT NULL,
    CHECK ((actor_kind = 'staff') = (actor_staff_id IS NOT NULL))
);

-- The admin page filters by person and by action (newest first); an API key's daily use is
-- looked up by action, subject and time.
CREATE INDEX audit_events_by_actor ON audit_events (actor_staff_id, seq);
CREATE INDEX audit_events_by_action ON audit_events (action, subject, occurred_at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
