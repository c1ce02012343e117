-- More links to a request's status page than the one in the receipt: a question to the requester
-- carries its own, so that the answer can be given there. Only keyed hashes are stored, like the
-- receipt's link (requests.status_token_hash).
CREATE TABLE request_status_links (
    token_hash BYTEA PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX request_status_links_request ON request_status_links (request_id);
