-- SQLite twin of Postgres/0003_fingerprints.sql: same tables, SQLite types (timestamps as ISO-8601 text).
-- Protected documents, registered by fingerprint only: the text never reaches the system (Art. 7).
-- The hashes are keyed with the deployment's fingerprint secret; parameters_json says how they were
-- computed. division_code is the registering department's area, NULL for a central registration.
CREATE TABLE protected_documents (
    document_id      text PRIMARY KEY,
    title            text NULL,
    division_code    text NULL,
    registered_by    text NOT NULL,
    registered_at    text NOT NULL,
    parameters_json  text NOT NULL,
    simhash          integer NOT NULL,
    hash_count       integer NOT NULL,
    checksum         text NOT NULL
);

-- One row per distinct winnowed hash of a document; looked up by hash.
CREATE TABLE protected_document_hashes (
    document_id  text NOT NULL REFERENCES protected_documents (document_id),
    hash         integer NOT NULL,
    PRIMARY KEY (document_id, hash)
);
CREATE INDEX protected_document_hashes_by_hash ON protected_document_hashes (hash);
