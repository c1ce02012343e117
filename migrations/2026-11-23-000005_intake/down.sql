DROP TABLE rate_limits;
DROP TABLE idempotency_keys;
DROP TABLE suppressions;
DROP TABLE request_pauses;
DROP TABLE request_verifications;
ALTER TABLE requests DROP COLUMN status_token_hash;
