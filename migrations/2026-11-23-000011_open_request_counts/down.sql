CREATE INDEX requests_open_register_status_idx ON requests (register_key, status)
    WHERE status IN ('received', 'in_progress', 'awaiting_requester');
DROP TRIGGER requests_open_counts_truncate ON requests;
DROP TRIGGER requests_open_counts_delete ON requests;
DROP TRIGGER requests_open_counts_update ON requests;
DROP TRIGGER requests_open_counts_insert ON requests;
DROP FUNCTION open_request_counts_clear();
DROP FUNCTION open_request_counts_apply();
DROP TABLE open_request_counts;
