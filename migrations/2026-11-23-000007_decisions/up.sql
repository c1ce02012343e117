-- The handler's work on a request: questions to the requester (with their text, on the pause that
-- stops the clock), further identity assurance, the answer with its attachments and download link,
-- requests entered by staff, and the reminders already sent (so that none is sent twice).
ALTER TABLE request_pauses ADD COLUMN question TEXT;
ALTER TABLE request_pauses ADD COLUMN answer TEXT;

-- Latest further identity assurance recorded by staff (every one is also an event).
ALTER TABLE requests ADD COLUMN identity_method TEXT;
-- The staff member who entered a request received by letter, phone or visit.
ALTER TABLE requests ADD COLUMN entered_by BIGINT REFERENCES staff_accounts (id);

-- The answer sent to the requester (one per request). `message` and `details` are personal data
-- and are cleared with the request's; the outcome stays for the report.
CREATE TABLE request_answers (
    request_id          BIGINT PRIMARY KEY REFERENCES requests (id),
    outcome             TEXT NOT NULL,
    message             TEXT,
    details             JSONB NOT NULL DEFAULT '{}'::jsonb,
    staff_id            BIGINT NOT NULL REFERENCES staff_accounts (id),
    answered_at         TIMESTAMPTZ NOT NULL,
    -- An inspection answer is fetched through a link that asks the requester to verify again.
    download_token_hash BYTEA UNIQUE,
    download_expires_at TIMESTAMPTZ
);

-- Files of an inspection answer. The content is removed when the link has expired; name, size and
-- digest stay as the record of what was disclosed.
CREATE TABLE answer_attachments (
    id           BIGSERIAL PRIMARY KEY,
    request_id   BIGINT NOT NULL REFERENCES requests (id),
    file_name    TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   BIGINT NOT NULL,
    sha256       BYTEA NOT NULL,
    content      BYTEA,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX answer_attachments_request_idx ON answer_attachments (request_id);

-- One-time codes that open a download link (same rules as the email codes: keyed hash, 24 hours,
-- five wrong attempts).
CREATE TABLE download_codes (
    id             BIGSERIAL PRIMARY KEY,
    request_id     BIGINT NOT NULL REFERENCES requests (id),
    code_hash      BYTEA NOT NULL,
    issued_at      TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    wrong_attempts INTEGER NOT NULL DEFAULT 0,
    used_at        TIMESTAMPTZ,
    invalidated_at TIMESTAMPTZ
);
CREATE INDEX download_codes_request_idx ON download_codes (request_id, issued_at);

-- Reminders and overdue alerts sent: the primary key makes "the same request, kind and day" happen
-- once whatever the number of workers.
CREATE TABLE reminders_sent (
    request_id BIGINT NOT NULL REFERENCES requests (id),
    kind       TEXT NOT NULL CHECK (kind IN ('due_in_7', 'due_in_2', 'overdue')),
    on_date    DATE NOT NULL,
    sent_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (request_id, kind, on_date)
);
