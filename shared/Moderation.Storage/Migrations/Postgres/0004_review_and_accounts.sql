-- People sign in with local accounts; the role decides what they may do, and what they see is
-- scoped: moderators to the boards assigned to them, officers to their division code and below.
CREATE TABLE accounts (
    account_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_name           text NOT NULL UNIQUE,
    display_name        text NOT NULL,
    password_hash       text NOT NULL,
    role                text NOT NULL CHECK (role IN ('moderator', 'organizer', 'officer', 'admin')),
    division_code       char(6) NULL,
    security_stamp      text NOT NULL,
    failed_sign_ins     integer NOT NULL DEFAULT 0,
    locked_until        timestamptz NULL,
    disabled_at         timestamptz NULL,
    created_at          timestamptz NOT NULL,
    CHECK (role <> 'officer' OR division_code IS NOT NULL)
);

CREATE TABLE moderator_boards (
    account_id  bigint NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
    board_id    text NOT NULL REFERENCES boards (board_id),
    PRIMARY KEY (account_id, board_id)
);
CREATE INDEX moderator_boards_by_board ON moderator_boards (board_id);

-- Machine clients (forums' HTTP ingest, the CLI acting for an admin or officer). Only the SHA-256
-- of the key is kept: keys are 256-bit random, so a slow password hash would add nothing.
CREATE TABLE api_keys (
    key_id         text PRIMARY KEY,
    name           text NOT NULL UNIQUE,
    key_hash       text NOT NULL UNIQUE,
    role           text NOT NULL CHECK (role IN ('machine', 'officer', 'admin')),
    operator_id    text NULL REFERENCES operators (operator_id),
    division_code  char(6) NULL,
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL,
    last_used_at   timestamptz NULL,
    revoked_at     timestamptz NULL,
    CHECK (role <> 'machine' OR operator_id IS NOT NULL),
    CHECK (role <> 'officer' OR division_code IS NOT NULL)
);

-- Every Hold and every Remove becomes a case: Remove cases ask a moderator to confirm. due_at is
-- when the case runs out of its SLA (sooner for higher scores), so "most urgent first" is one
-- index order. A claim is a lease: claimed_by until claim_expires_at; version fences every write.
ALTER TABLE review_cases ADD COLUMN kind text NOT NULL DEFAULT 'Hold';
ALTER TABLE review_cases ADD COLUMN category text NULL;
ALTER TABLE review_cases ADD COLUMN due_at timestamptz NULL;
ALTER TABLE review_cases ADD COLUMN claimed_by text NULL;
ALTER TABLE review_cases ADD COLUMN claim_expires_at timestamptz NULL;
ALTER TABLE review_cases ADD COLUMN decided_by text NULL;
ALTER TABLE review_cases ADD COLUMN decided_at timestamptz NULL;
UPDATE review_cases SET due_at = opened_at + interval '4 hours' WHERE due_at IS NULL;
ALTER TABLE review_cases ALTER COLUMN due_at SET NOT NULL;

DROP INDEX review_cases_open;
CREATE INDEX review_cases_by_due ON review_cases (status, due_at, case_id);
CREATE INDEX review_cases_by_board_due ON review_cases (board_id, status, due_at, case_id);
CREATE INDEX review_cases_by_score ON review_cases (status, score DESC, case_id);
CREATE INDEX review_cases_by_age ON review_cases (status, opened_at, case_id);
CREATE INDEX review_cases_decided ON review_cases (decided_at) WHERE decided_at IS NOT NULL;

-- What moderators decided, read by the training-label export. request_id makes a decision
-- idempotent: the same request sent twice is one decision.
CREATE TABLE review_decisions (
    decision_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id       bigint NOT NULL REFERENCES review_cases (case_id),
    board_id      text NOT NULL,
    post_id       text NOT NULL,
    revision      integer NOT NULL,
    decision      text NOT NULL CHECK (decision IN ('Release', 'Confirm', 'Escalate')),
    reason        text NOT NULL,
    decided_by    text NOT NULL,
    decided_at    timestamptz NOT NULL,
    request_id    text NOT NULL UNIQUE,
    case_version  integer NOT NULL
);
CREATE INDEX review_decisions_by_case ON review_decisions (case_id);
CREATE INDEX review_decisions_by_time ON review_decisions (decided_at);

-- Append-only, hash-chained: row_hash = SHA-256(previous_hash || canonical row). Rows are never
-- updated or deleted by the system; the triggers make an accidental attempt fail loudly, and
-- `moderation audit verify` finds the first row anyone with more rights changed.
CREATE TABLE audit_log (
    sequence       bigint PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    actor          text NOT NULL,
    action         text NOT NULL,
    subject        text NOT NULL,
    detail_json    text NOT NULL,
    previous_hash  text NOT NULL,
    row_hash       text NOT NULL
);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- ASP.NET Core data-protection keys, shared by every API instance so a cookie or antiforgery
-- token issued by one is read by all.
CREATE TABLE data_protection_keys (
    friendly_name  text PRIMARY KEY,
    xml            text NOT NULL,
    created_at     timestamptz NOT NULL
);
