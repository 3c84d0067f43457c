-- Versioned rule sets, imported as their JSON source; exactly one is active at a time (none: the
-- embedded default applies). Activation is recorded with who and when.
CREATE TABLE rule_sets (
    version        text PRIMARY KEY,
    source_json    text NOT NULL,
    checksum       text NOT NULL,
    rule_count     integer NOT NULL,
    status         text NOT NULL,
    imported_at    timestamptz NOT NULL,
    imported_by    text NOT NULL,
    activated_at   timestamptz NULL,
    activated_by   text NULL
);
CREATE UNIQUE INDEX rule_sets_one_active ON rule_sets (status) WHERE status = 'Active';
