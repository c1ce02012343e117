-- Strong electronic identification through OpenID Connect providers (issue 17).
-- oidc_flows: a sign-in in flight, shared by every instance: the keyed hashes of its `state` and of
-- the cookie binding it to the browser that started it, the nonce and PKCE verifier needed to
-- finish it (secrets of a few minutes, no personal data), and what it is for. A row is deleted
-- when the provider answers, whatever the answer, and refused once past expires_at.
CREATE TABLE oidc_flows (
    state_hash    BYTEA PRIMARY KEY,
    browser_hash  BYTEA NOT NULL,
    purpose       TEXT NOT NULL CHECK (purpose IN ('verify', 'download', 'staff')),
    provider      TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    request_id    BIGINT REFERENCES requests (id),
    language      TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX oidc_flows_by_expiry ON oidc_flows (expires_at);
CREATE INDEX oidc_flows_by_request ON oidc_flows (request_id);

-- What an identification proved, kept to the least needed: the name as the provider returned it,
-- the assurance level, and a keyed hash of the national identifier (to link the requests of one
-- person and to unlock an answer by identifying again); never the identifier, never a token.
-- The name and the hash are personal data: erased when the request is anonymised or expires.
CREATE TABLE request_identifications (
    request_id    BIGINT PRIMARY KEY REFERENCES requests (id),
    provider      TEXT NOT NULL,
    acr           TEXT NOT NULL,
    person_name   TEXT,
    person_hash   BYTEA,
    identified_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX request_identifications_by_person ON request_identifications (person_hash)
    WHERE person_hash IS NOT NULL;
