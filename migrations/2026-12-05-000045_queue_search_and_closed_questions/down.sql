ALTER TABLE request_pauses DROP COLUMN closed_unanswered;
DROP INDEX requests_reference_trgm_idx;
DROP INDEX requests_email_trgm_idx;
