-- pgbench script of scripts/bench-intake: the SQL that one `POST /api/v1/requests` issues (see
-- src/http/limits.rs, src/service/intake.rs and src/db/*.rs), run with `pgbench -n -M prepared` (the
-- service's diesel-async connections use prepared statements too) against a migrated database
-- whose registers are synced. Values the service computes in Rust (reference, keyed hashes,
-- Message-ID, the email payload) are made here from random numbers with the same shapes and sizes.
-- (The pool hands out connections without a test query: diesel-async's RecyclingMethod::Fast.)
-- No string literal may hold a colon followed by a letter or digit: pgbench would take it for a
-- variable (hence 'submit:' || '...' and the like).
-- Differs on purpose: the outbox row is due in a year, so that the service's email worker (woken
-- by the NOTIFY trigger) does not send these rows while pgbench runs.

\set r random(1, 999999999999999)

-- 1. Rate limit (src/http/limits.rs): autocommit, on its own pooled connection, before the
-- transaction, without waiting for the flush (synchronous_commit off, as the service sets it).
-- With -D many=0 every request comes from one client address and hits the same row, as the
-- service's do when wrk runs from one address; with -D many=1 each transaction has its own
-- client's row (24 hex digits, like the service's keyed hash), as wrk's forwarded addresses do.
BEGIN;
SET LOCAL synchronous_commit TO OFF;
\if :many
INSERT INTO rate_limits (bucket, window_start, hits)
VALUES ('submit:' || substr(md5(:r::text), 1, 24), date_trunc('hour', now()), 1)
ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
RETURNING hits;
\else
INSERT INTO rate_limits (bucket, window_start, hits)
VALUES ('submit:' || 'pgbench00000000000000000', date_trunc('hour', now()), 1)
ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
RETURNING hits;
\endif
COMMIT;

BEGIN;

-- 2. The request (requests::insert_unless_reference_taken).
INSERT INTO requests (reference, register_key, kind, channel, language, status, requester_name,
    requester_email, requester_phone, customer_number, details, submitted_at, received_on,
    created_at, updated_at)
VALUES ('B-' || :client_id::text || '-' || :r::text, 'jokkerit', 'inspection', 'api', 'fi',
    'awaiting_verification', 'Bench Person',
    'bench.pg.' || :client_id::text || '.' || :r::text || '@example.fi', NULL, NULL,
    '{"kind":"inspection","scope":"orders"}'::jsonb, now(), current_date, now(), now())
ON CONFLICT (reference) DO NOTHING
RETURNING id
\gset

-- 3. The previous event of the chain (db::events::append): none yet for a new request.
SELECT seq, occurred_at, actor_kind, actor_staff_id, kind, payload, prev_hash, hash
FROM request_events
WHERE request_id = :id
ORDER BY seq DESC
LIMIT 1;

-- 4. The first event: prev_hash is 32 zero bytes, hash a SHA-256.
INSERT INTO request_events (request_id, seq, occurred_at, actor_kind, actor_staff_id, kind, payload,
    prev_hash, hash)
VALUES (:id, 1, now(), 'integration', NULL, 'submitted',
    '{"channel":"api","kind":"inspection","language":"fi"}'::jsonb,
    decode(repeat('00', 32), 'hex'), sha256(random()::text::bytea));

-- 5. The verification (verifications::insert): keyed hashes (HMAC-SHA-256, 32 bytes) of the link
-- token and the code, valid 24 hours.
INSERT INTO request_verifications (request_id, token_hash, code_hash, issued_at, expires_at)
VALUES (:id, sha256(random()::text::bytea), sha256(random()::text::bytea), now(),
    now() + interval '24 hours');

-- 6. The verification email (jobs::outbox::enqueue): the payload has the shape and size of the
-- service's (sender of the register, reference, name, kind, link with a 43-character token, code,
-- expiry).
INSERT INTO outbox_messages (request_id, register_key, template, language, recipient, reply_to,
    payload, message_id, next_attempt_at, created_at)
VALUES (:id, 'jokkerit', 'verification', 'fi',
    'bench.pg.' || :client_id::text || '.' || :r::text || '@example.fi', 'jouko.paunonen@jokkerit.fi',
    ('{"template":"verification","data":{"sender":{"controller":"Jokkerit Trading Oy",'
        || '"register":"Jokkerit Trading Oy verkkokauppa-asiakasrekisteri",'
        || '"contact_name":"Jouko Paunonen","contact_email":"jouko.paunonen@jokkerit.fi"},'
        || '"reference":"B-' || :client_id::text || '-' || :r::text || '","name":"Bench Person",'
        || '"kind":"inspection","link":"http://127.0.0.1:' || '18080/verify/'
        || md5(random()::text) || left(md5(random()::text), 11) || '",'
        || '"code":"' || lpad((random() * 999999)::int::text, 6, '0') || '",'
        || '"expires_at":' || to_json(now() + interval '24 hours')::text || '}}')::jsonb,
    '<' || md5(random()::text) || '@localhost>', now() + interval '1 year', now())
RETURNING id;

COMMIT;
