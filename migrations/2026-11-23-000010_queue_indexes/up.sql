-- Indexes measured with 1,000,000 requests (BENCHMARKS.md "Queue page"): every queue page becomes
-- an index scan that stops after one page, whatever the registers and filters.
-- Pages over several registers (admins, handlers of more than one register), by deadline.
CREATE INDEX requests_open_deadline_idx ON requests (effective_deadline, id)
    WHERE status IN ('received', 'in_progress', 'awaiting_requester');
-- The counts per open state at the top of the queue (one entry per open request).
CREATE INDEX requests_open_register_status_idx ON requests (register_key, status)
    WHERE status IN ('received', 'in_progress', 'awaiting_requester');
-- The queue filtered on one state, closed ones included.
CREATE INDEX requests_register_status_deadline_idx ON requests (register_key, status, effective_deadline, id);
-- "Assigned to me".
CREATE INDEX requests_open_assignee_idx ON requests (assignee_id, effective_deadline, id)
    WHERE status IN ('received', 'in_progress', 'awaiting_requester');
-- The expiry job's scan of unverified requests.
CREATE INDEX requests_unverified_idx ON requests (submitted_at)
    WHERE status = 'awaiting_verification';
