-- Test data of scripts/bench-queue: :rows requests (psql variable, e.g. 1000000) spread over the
-- active registers of the `registers` table, received over the last three years (1,095 days), and
-- assigned among the staff ids of :'staff_ids' (a PostgreSQL array literal such as '{1,2,3}').
-- Deterministic (setseed), so two runs with the same inputs load the same rows.
--
-- Shape, by age of the request (days since receipt):
--   register    shares 5:4:3:2:1 over the registers in key order (the first key is the largest);
--   kind        inspection 45 %, erasure 30 %, objection 15 %, correction 10 %;
--   channel     web 70 %, api 25 %, letter 5 %; language fi 70 %, en 15 %, sv 10 %, et 5 %;
--   0-45 days   5 % unverified (awaiting_verification up to 6 days old, expired after), 85 % open,
--               10 % closed;
--   46-120 days 3 % expired unverified, 30 % open (most of them extended), the rest closed;
--   older       3 % expired unverified, 0.5 % open (stale and overdue), the rest closed.
--   Open = received 30 %, in_progress 55 %, awaiting_requester 15 %; closed = completed 75 %,
--   withdrawn 17 %, refused 8 %. About 6 % of all rows are open.
-- Verified requests carry deadline = roll(R + 1 month), extended_deadline = roll(R + 3 months)
-- (roll: Saturday and Sunday move to Monday; public holidays are ignored here) and
-- effective_deadline = the one that applies. References are `DSR-XXXX-XXXX` in Crockford base 32,
-- distinct by construction (the row number times an odd constant modulo 2^40, a bijection).
-- Requester emails are distinct: requester.<n>@example.fi; expired requests have their personal
-- data erased, as the app's expiry job does.
\set ON_ERROR_STOP on
SELECT setseed(0.2026);

CREATE TEMP TABLE bench_registers AS
WITH r AS (
    SELECT key, row_number() OVER (ORDER BY key) AS n, count(*) OVER () AS total
    FROM registers WHERE active
), w AS (
    SELECT key, n, (total + 1 - n)::float8 AS weight, sum(total + 1 - n) OVER () AS weights,
           sum(total + 1 - n) OVER (ORDER BY n) AS cumulative
    FROM r
)
SELECT key, n, (cumulative - weight) / weights AS lo,
       CASE WHEN cumulative = weights THEN 2.0 ELSE cumulative / weights END AS hi
FROM w;

INSERT INTO requests (reference, register_key, kind, channel, language, status, requester_name,
                      requester_email, details, submitted_at, received_on, verified_at, deadline,
                      extended_deadline, extended, effective_deadline, assignee_id, outcome, closed_at,
                      anonymised_at, created_at, updated_at)
SELECT
    'DSR-' || substr(code, 1, 4) || '-' || substr(code, 5, 4),
    b.key,
    CASE WHEN s.r_kind < 0.45 THEN 'inspection' WHEN s.r_kind < 0.75 THEN 'erasure'
         WHEN s.r_kind < 0.90 THEN 'objection' ELSE 'correction' END,
    CASE WHEN s.r_chan < 0.70 THEN 'web' WHEN s.r_chan < 0.95 THEN 'api' ELSE 'letter' END,
    CASE WHEN s.r_lang < 0.70 THEN 'fi' WHEN s.r_lang < 0.85 THEN 'en' WHEN s.r_lang < 0.95 THEN 'sv'
         ELSE 'et' END,
    st.status,
    CASE WHEN st.status <> 'expired' THEN 'Requester ' || s.g END,
    CASE WHEN st.status <> 'expired' THEN 'requester.' || s.g || '@example.fi' END,
    '{}'::jsonb,
    t.submitted_at,
    t.received_on,
    CASE WHEN st.verified THEN t.submitted_at + interval '20 minutes' END,
    CASE WHEN st.verified THEN d.one_month END,
    CASE WHEN st.verified THEN d.three_months END,
    st.verified AND st.extended,
    CASE WHEN st.verified THEN CASE WHEN st.extended THEN d.three_months ELSE d.one_month END END,
    CASE WHEN st.status IN ('in_progress', 'awaiting_requester', 'completed', 'refused')
              OR (st.status = 'withdrawn' AND s.r_who < 0.5)
         THEN (:'staff_ids'::bigint[])[1 + floor(s.r_who * cardinality(:'staff_ids'::bigint[]))::int] END,
    CASE st.status WHEN 'completed' THEN 'answered' WHEN 'refused' THEN 'refused' END,
    CASE WHEN st.status IN ('completed', 'refused', 'withdrawn')
         THEN t.submitted_at + (1 + floor(s.r_ext * 40)::int) * interval '1 day'
         WHEN st.status = 'expired' THEN t.submitted_at + interval '7 days' END,
    CASE WHEN st.status = 'expired' THEN t.submitted_at + interval '7 days' END,
    t.submitted_at,
    t.submitted_at
FROM (
    SELECT g, random() AS r_reg, random() AS r_kind, random() AS r_chan, random() AS r_lang,
           floor(random() * 1095)::int AS age, random() AS r_state, random() AS r_sub,
           random() AS r_ext, random() AS r_who, random() AS r_time
    FROM generate_series(1, :rows) AS g
) s
JOIN bench_registers b ON s.r_reg >= b.lo AND s.r_reg < b.hi
CROSS JOIN LATERAL (
    SELECT substr(a, ((x >> 35) & 31)::int + 1, 1) || substr(a, ((x >> 30) & 31)::int + 1, 1)
           || substr(a, ((x >> 25) & 31)::int + 1, 1) || substr(a, ((x >> 20) & 31)::int + 1, 1)
           || substr(a, ((x >> 15) & 31)::int + 1, 1) || substr(a, ((x >> 10) & 31)::int + 1, 1)
           || substr(a, ((x >> 5) & 31)::int + 1, 1) || substr(a, ((x >> 0) & 31)::int + 1, 1) AS code
    FROM (SELECT '0123456789ABCDEFGHJKMNPQRSTVWXYZ'::text AS a, (s.g * 2654435761) % 1099511627776 AS x) AS e
) c
CROSS JOIN LATERAL (
    SELECT current_date - s.age AS received_on,
           ((current_date - s.age)::timestamp + s.r_time * interval '24 hours') AT TIME ZONE 'Europe/Helsinki'
               AS submitted_at
) t
CROSS JOIN LATERAL (
    SELECT CASE
               WHEN s.r_state < (CASE WHEN s.age <= 45 THEN 0.05 ELSE 0.03 END)
                   THEN CASE WHEN s.age <= 6 THEN 'awaiting_verification' ELSE 'expired' END
               WHEN s.r_state < (CASE WHEN s.age <= 45 THEN 0.90 WHEN s.age <= 120 THEN 0.33 ELSE 0.035 END)
                   THEN CASE WHEN s.r_sub < 0.30 THEN 'received' WHEN s.r_sub < 0.85 THEN 'in_progress'
                             ELSE 'awaiting_requester' END
               ELSE CASE WHEN s.r_sub < 0.75 THEN 'completed' WHEN s.r_sub < 0.92 THEN 'withdrawn'
                         ELSE 'refused' END
           END AS status,
           s.r_state >= (CASE WHEN s.age <= 45 THEN 0.05 ELSE 0.03 END) AS verified,
           -- Open requests older than a month have been extended (most of them); others rarely.
           CASE WHEN s.age > 30 AND s.r_state < (CASE WHEN s.age <= 120 THEN 0.33 ELSE 0.035 END)
                THEN s.r_ext < 0.8 ELSE s.r_ext < 0.05 END AS extended
) st
CROSS JOIN LATERAL (
    SELECT (m1 + CASE extract(isodow FROM m1) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END)::date AS one_month,
           (m3 + CASE extract(isodow FROM m3) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END)::date AS three_months
    FROM (SELECT (t.received_on + interval '1 month')::date AS m1,
                 (t.received_on + interval '3 months')::date AS m3) AS m
) d
ORDER BY t.submitted_at;
