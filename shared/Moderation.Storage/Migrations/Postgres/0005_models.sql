-- Classifier models by version: the model file itself (so every scanner can load it from here) and
-- its figures. At most one is active (none: the default model trained from the shipped corpus
-- applies). A version is immutable once imported.
CREATE TABLE models (
    version            text PRIMARY KEY,
    sha256             text NOT NULL,
    content            bytea NOT NULL,
    size_bytes         integer NOT NULL,
    recipe             text NOT NULL,
    data_hash          text NOT NULL,
    training_examples  integer NOT NULL,
    metadata_json      text NOT NULL,
    roc_auc            double precision NULL,
    recall_at_hold     double precision NULL,
    fpr_at_hold        double precision NULL,
    status             text NOT NULL,
    imported_at        timestamptz NOT NULL,
    imported_by        text NOT NULL,
    activated_at       timestamptz NULL,
    activated_by       text NULL
);
CREATE UNIQUE INDEX models_one_active ON models (status) WHERE status = 'Active';

-- Every activation and rollback, with the version it replaced: a rollback returns to the version
-- the current one replaced, and records what that one had replaced, so rollbacks walk back in order.
CREATE TABLE model_activations (
    activation_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version           text NOT NULL REFERENCES models (version),
    replaced_version  text NULL,
    kind              text NOT NULL,
    activated_at      timestamptz NOT NULL,
    activated_by      text NOT NULL
);

-- Which model scored a post, and what it said, beside the rule set version.
ALTER TABLE scans ADD COLUMN model_version text NULL;
ALTER TABLE scans ADD COLUMN model_probability double precision NULL;
