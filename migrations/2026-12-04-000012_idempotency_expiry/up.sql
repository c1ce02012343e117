-- Idempotency keys now expire after 24 hours and old rows are deleted by age: an index on the age
-- keeps that deletion from reading the whole table. Keys are now scoped per caller (the scope
-- column holds the caller's API key id or the keyed hash of its address), so rows of the old
-- global scopes can never be replayed again: they are removed here.
DELETE FROM idempotency_keys WHERE scope IN ('api', 'form');
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
