-- SQLite twin of Postgres/0006_incidents_departments.sql (timestamps as ISO-8601 text).
-- Security departments (Art. 5): one per administrative division code (GB/T 2260), central organs
-- at 100000. A board's incident goes to the department at its code or the nearest one above it.
CREATE TABLE departments (
    department_id  text PRIMARY KEY,
    name           text NOT NULL,
    division_code  text NOT NULL UNIQUE,
    level          text NOT NULL,
    parent_id      text NULL REFERENCES departments (department_id),
    created_at     text NOT NULL,
    updated_at     text NOT NULL
);

-- Where a department receives reports: a signed webhook, an e-mail address or an AMQP queue.
-- The webhook secret signs what we send and verifies the receipts the department sends back.
CREATE TABLE department_endpoints (
    endpoint_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    department_id  text NOT NULL REFERENCES departments (department_id) ON DELETE CASCADE,
    kind           text NOT NULL,
    address        text NOT NULL,
    secret         text NULL,
    enabled        integer NOT NULL DEFAULT 1,
    created_at     text NOT NULL,
    UNIQUE (department_id, kind, address)
);

ALTER TABLE incidents ADD COLUMN operator_id text NULL;
ALTER TABLE incidents ADD COLUMN department_id text NULL;
ALTER TABLE incidents ADD COLUMN opened_by text NULL;
ALTER TABLE incidents ADD COLUMN review_case_id bigint NULL;
ALTER TABLE incidents ADD COLUMN rules_json text NULL;
ALTER TABLE incidents ADD COLUMN model_json text NULL;
ALTER TABLE incidents ADD COLUMN fingerprints_json text NULL;
ALTER TABLE incidents ADD COLUMN acknowledged_at text NULL;
ALTER TABLE incidents ADD COLUMN acknowledged_by text NULL;
-- Art. 7: the post's text is purged once the incident is handed off, or at this time at the latest.
ALTER TABLE incidents ADD COLUMN purge_after text NULL;
ALTER TABLE incidents ADD COLUMN purged_at text NULL;
CREATE INDEX incidents_division ON incidents (division_code, detected_at);
CREATE INDEX incidents_unpurged ON incidents (purge_after) WHERE purged_at IS NULL;

-- What was done about an incident and when (Art. 10: measures taken in time).
CREATE TABLE incident_measures (
    measure_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id  bigint NOT NULL REFERENCES incidents (incident_id),
    kind         text NOT NULL,
    detail       text NULL,
    taken_by     text NOT NULL,
    taken_at     text NOT NULL
);
CREATE INDEX incident_measures_incident ON incident_measures (incident_id, taken_at);

-- One row per department endpoint. delivery_id is the idempotency key receivers dedupe on.
ALTER TABLE notification_outbox ADD COLUMN department_id text NULL;
ALTER TABLE notification_outbox ADD COLUMN endpoint_id bigint NULL;
ALTER TABLE notification_outbox ADD COLUMN channel text NULL;
ALTER TABLE notification_outbox ADD COLUMN delivery_id text NULL;
ALTER TABLE notification_outbox ADD COLUMN next_attempt_at text NULL;
ALTER TABLE notification_outbox ADD COLUMN claimed_until text NULL;
ALTER TABLE notification_outbox ADD COLUMN claim_token text NULL;
ALTER TABLE notification_outbox ADD COLUMN last_error text NULL;
ALTER TABLE notification_outbox ADD COLUMN dead_lettered_at text NULL;
ALTER TABLE notification_outbox ADD COLUMN acknowledged_at text NULL;
ALTER TABLE notification_outbox ADD COLUMN acknowledged_by text NULL;
CREATE UNIQUE INDEX notification_outbox_delivery ON notification_outbox (delivery_id);
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at)
    WHERE delivered_at IS NULL AND dead_lettered_at IS NULL;

-- Takedown orders (Art. 15, 17): delete these posts by the deadline.
CREATE TABLE takedown_orders (
    order_id       text PRIMARY KEY,
    division_code  text NOT NULL,
    reason         text NOT NULL,
    deadline       text NOT NULL,
    status         text NOT NULL,
    issued_by      text NOT NULL,
    issued_at      text NOT NULL,
    completed_at   text NULL,
    escalated_at   text NULL
);
CREATE INDEX takedown_orders_open ON takedown_orders (deadline) WHERE completed_at IS NULL;

CREATE TABLE takedown_targets (
    order_id      text NOT NULL REFERENCES takedown_orders (order_id),
    board_id      text NOT NULL,
    post_id       text NOT NULL,
    operator_id   text NOT NULL,
    completed_at  text NULL,
    PRIMARY KEY (order_id, board_id, post_id)
);

-- Rectification orders (Art. 13): the board must fix what is required by the deadline, or its
-- networking stops (the board is suspended).
CREATE TABLE rectification_orders (
    order_id       text PRIMARY KEY,
    board_id       text NOT NULL REFERENCES boards (board_id),
    division_code  text NOT NULL,
    requirements   text NOT NULL,
    deadline       text NOT NULL,
    status         text NOT NULL,
    issued_by      text NOT NULL,
    issued_at      text NOT NULL,
    completed_at   text NULL,
    completed_by   text NULL,
    escalated_at   text NULL,
    suspended_at   text NULL,
    suspended_by   text NULL
);
CREATE INDEX rectification_orders_open ON rectification_orders (deadline) WHERE completed_at IS NULL;

-- Notifications written before this version are delivered like new ones.
UPDATE notification_outbox SET next_attempt_at = created_at, delivery_id = 'legacy-' || notification_id WHERE delivery_id IS NULL;
