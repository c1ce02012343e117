-- The monthly deadline report emailed to each register's contact person: one row per register and
-- month, written in the same transaction as the email, so that the report goes out once whatever
-- the number of workers, reruns or catch-up runs after an outage.
CREATE TABLE monthly_reports_sent (
    register_key TEXT NOT NULL REFERENCES registers (key),
    -- The first day of the month reported on.
    month        DATE NOT NULL CHECK (extract(day FROM month) = 1),
    sent_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (register_key, month)
);

