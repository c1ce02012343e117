-- Open requests per register and state, kept by triggers on `requests`, for the counts at the top
-- of the queue page. Counting them on every page read one index entry per open request (25 ms for
-- all registers with 1,000,000 requests stored; BENCHMARKS.md "Queue page"); this reads a few rows.
CREATE TABLE open_request_counts (
    register_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('received', 'in_progress', 'awaiting_requester')),
    n BIGINT NOT NULL,
    PRIMARY KEY (register_key, status)
);

INSERT INTO open_request_counts (register_key, status, n)
SELECT register_key, status, count(*)
FROM requests
WHERE status IN ('received', 'in_progress', 'awaiting_requester')
GROUP BY register_key, status;

-- Statement-level, over the transition tables: a bulk statement touches each counter row once,
-- and a statement that moves no request into or out of an open state (a note, an assignment)
-- takes no counter lock at all. The counter rows are upserted in key order, so two transactions
-- moving requests in opposite directions (in_progress -> awaiting_requester and back) lock them
-- in the same order and cannot deadlock. Verifications in one register wait for each other on its
-- `received` row only for the length of a commit: nothing at a register's volume (requests per day).
CREATE FUNCTION open_request_counts_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO open_request_counts AS c (register_key, status, n)
        SELECT register_key, status, count(*)
        FROM new_rows
        WHERE status IN ('received', 'in_progress', 'awaiting_requester')
        GROUP BY register_key, status
        ORDER BY register_key, status
        ON CONFLICT (register_key, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO open_request_counts AS c (register_key, status, n)
        SELECT register_key, status, -count(*)
        FROM old_rows
        WHERE status IN ('received', 'in_progress', 'awaiting_requester')
        GROUP BY register_key, status
        ORDER BY register_key, status
        ON CONFLICT (register_key, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    ELSE
        INSERT INTO open_request_counts AS c (register_key, status, n)
        SELECT register_key, status, sum(delta)
        FROM (
            SELECT register_key, status, -1 AS delta FROM old_rows
            WHERE status IN ('received', 'in_progress', 'awaiting_requester')
            UNION ALL
            SELECT register_key, status, 1 FROM new_rows
            WHERE status IN ('received', 'in_progress', 'awaiting_requester')
        ) moves
        GROUP BY register_key, status
        HAVING sum(delta) <> 0
        ORDER BY register_key, status
        ON CONFLICT (register_key, status) DO UPDATE SET n = c.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER requests_open_counts_insert AFTER INSERT ON requests
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION open_request_counts_apply();
CREATE TRIGGER requests_open_counts_update AFTER UPDATE ON requests
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION open_request_counts_apply();
CREATE TRIGGER requests_open_counts_delete AFTER DELETE ON requests
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION open_request_counts_apply();

CREATE FUNCTION open_request_counts_clear() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM open_request_counts;
    RETURN NULL;
END
$$;

CREATE TRIGGER requests_open_counts_truncate AFTER TRUNCATE ON requests
    FOR EACH STATEMENT EXECUTE FUNCTION open_request_counts_clear();

-- The counts were this index's only reader.
DROP INDEX requests_open_register_status_idx;
