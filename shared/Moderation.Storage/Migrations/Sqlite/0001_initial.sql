-- SQLite twin of Postgres/0001_initial.sql: same tables, SQLite types (timestamps as ISO-8601 text).
-- Operators run forums; each authenticates to the broker as its own RabbitMQ user and reads
-- verdicts from its own queue, so no operator can read another's.
CREATE TABLE operators (
    operator_id    text PRIMARY KEY,
    name           text NOT NULL,
    amqp_user      text NULL,
    verdict_queue  text NOT NULL,
    created_at     text NOT NULL
);

-- Boards must be registered and approved before they may publish (Art. 10).
CREATE TABLE boards (
    board_id       text PRIMARY KEY,
    operator_id    text NOT NULL REFERENCES operators (operator_id),
    name           text NOT NULL,
    channel        text NOT NULL,
    division_code  text NOT NULL,
    status         text NOT NULL,
    created_at     text NOT NULL,
    updated_at     text NOT NULL
);

-- One row per revision of a post (Art. 9: every edit is reviewed again). The text columns are
-- nullable because a confirmed secret's text is purged after hand-off (Art. 7).
CREATE TABLE posts (
    board_id        text NOT NULL REFERENCES boards (board_id),
    post_id         text NOT NULL,
    revision        integer NOT NULL,
    channel         text NOT NULL,
    author_id       text NOT NULL,
    title           text NULL,
    body            text NULL,
    submitted_at    text NOT NULL,
    received_at     text NOT NULL,
    source_outlet   text NULL,
    source_consent  text NULL,
    withdrawn_at    text NULL,
    PRIMARY KEY (board_id, post_id, revision)
);

CREATE TABLE scans (
    scan_id           INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id          text NOT NULL,
    post_id           text NOT NULL,
    revision          integer NOT NULL,
    action            text NOT NULL,
    score             real NOT NULL,
    reasons_json      text NOT NULL,
    rule_set_version  text NOT NULL,
    scanned_at        text NOT NULL,
    UNIQUE (board_id, post_id, revision),
    FOREIGN KEY (board_id, post_id, revision) REFERENCES posts (board_id, post_id, revision)
);

CREATE TABLE review_cases (
    case_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id    text NOT NULL,
    post_id     text NOT NULL,
    revision    integer NOT NULL,
    scan_id     bigint NOT NULL REFERENCES scans (scan_id),
    score       real NOT NULL,
    status      text NOT NULL,
    version     integer NOT NULL DEFAULT 0,
    opened_at   text NOT NULL,
    UNIQUE (board_id, post_id, revision)
);
CREATE INDEX review_cases_open ON review_cases (status, score DESC, opened_at);

-- An incident never holds the secret text: only a masked excerpt (Art. 7).
CREATE TABLE incidents (
    incident_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id        text NOT NULL,
    post_id         text NOT NULL,
    revision        integer NOT NULL,
    scan_id         bigint NOT NULL REFERENCES scans (scan_id),
    division_code   text NOT NULL,
    score           real NOT NULL,
    masked_excerpt  text NOT NULL,
    status          text NOT NULL,
    detected_at     text NOT NULL,
    UNIQUE (board_id, post_id, revision)
);

-- Written in the same transaction as the incident; delivered to the department by the notifier.
CREATE TABLE notification_outbox (
    notification_id  INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id      bigint NOT NULL REFERENCES incidents (incident_id),
    kind             text NOT NULL,
    division_code    text NOT NULL,
    payload_json     text NOT NULL,
    created_at       text NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    delivered_at     text NULL
);
CREATE INDEX notification_outbox_pending ON notification_outbox (created_at) WHERE delivered_at IS NULL;

-- Messages to forums (verdicts, rejections) are written here in the transaction that decided
-- them, then sent; a relay re-sends any row whose sender died before marking it sent.
CREATE TABLE message_outbox (
    outbox_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    destination    text NOT NULL,
    message_type   text NOT NULL,
    payload_json   text NOT NULL,
    created_at     text NOT NULL,
    claimed_until  text NULL,
    attempts       integer NOT NULL DEFAULT 0,
    sent_at        text NULL
);
CREATE INDEX message_outbox_pending ON message_outbox (created_at) WHERE sent_at IS NULL;

CREATE TABLE rejections (
    rejection_id  INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key    text NOT NULL UNIQUE,
    board_id      text NULL,
    post_id       text NULL,
    revision      integer NULL,
    code          text NOT NULL,
    reason        text NOT NULL,
    rejected_at   text NOT NULL
);
