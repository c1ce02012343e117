-- What the company's systems gave for a request (issue 16): one row per data source and lookup,
-- with its status and the rows themselves, and the rows or columns a handler left out of the
-- answer (third parties' data, GDPR Art 15(4)). The rows are personal data: they are deleted when
-- the answer's download link expires, when a request closes without one, and at retention.
CREATE TABLE collections (
    request_id            BIGINT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    source                TEXT NOT NULL,
    lookup                TEXT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'empty', 'failed', 'not_run')),
    reason                TEXT,
    records               JSONB,
    excluded_rows         INT[] NOT NULL DEFAULT '{}',
    excluded_columns      TEXT[] NOT NULL DEFAULT '{}',
    attempts              INT NOT NULL DEFAULT 0,
    collected_at          TIMESTAMPTZ,
    PRIMARY KEY (request_id, source, lookup)
);

-- What each source's erasure steps did: counts and outcomes, no personal data.
CREATE TABLE source_erasures (
    request_id    BIGINT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    source        TEXT NOT NULL,
    step          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
    effect        TEXT NOT NULL CHECK (effect IN ('erased', 'anonymised')),
    rows_affected BIGINT,
    reason        TEXT,
    run_at        TIMESTAMPTZ,
    PRIMARY KEY (request_id, source, step)
);
