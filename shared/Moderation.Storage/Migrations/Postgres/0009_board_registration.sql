-- Board registration (Art. 10, 12): an organizer's application, reviewed by the department with
-- jurisdiction over the board's division. A draft has no board; from the first submission the
-- board exists with the application's status, and only an approved board may publish.
CREATE TABLE board_applications (
    application_id   text PRIMARY KEY,
    organizer        text NOT NULL,
    board_id         text NULL UNIQUE,
    operator_id      text NULL,
    division_code    text NULL,
    board_name       text NULL,
    organizing_unit  text NULL,
    credit_code      text NULL,
    status           text NOT NULL,
    form_json        text NOT NULL,
    version          integer NOT NULL,
    submitted_at     timestamptz NULL,
    review_due_at    timestamptz NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX board_applications_by_organizer ON board_applications (organizer, updated_at);
CREATE INDEX board_applications_by_area ON board_applications (division_code, status);
CREATE INDEX board_applications_by_operator ON board_applications (operator_id);

-- Every transition with who made it and why: the board's status history.
CREATE TABLE board_application_events (
    event_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  text NOT NULL REFERENCES board_applications (application_id),
    transition      text NOT NULL,
    from_status     text NOT NULL,
    to_status       text NOT NULL,
    actor           text NOT NULL,
    reason          text NOT NULL,
    occurred_at     timestamptz NOT NULL
);
CREATE INDEX board_application_events_by_application ON board_application_events (application_id, event_id);

-- What the organizer is told of each decision, shown on their page. The application's contact
-- address and the delivery columns are kept so a mail channel can deliver each notice once.
CREATE TABLE registration_notices (
    notice_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id   text NOT NULL REFERENCES board_applications (application_id),
    organizer        text NOT NULL,
    email            text NULL,
    subject          text NOT NULL,
    body             text NOT NULL,
    created_at       timestamptz NOT NULL,
    mailed_at        timestamptz NULL,
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NULL,
    last_error       text NULL
);
CREATE INDEX registration_notices_by_organizer ON registration_notices (organizer, notice_id);
CREATE INDEX registration_notices_to_mail ON registration_notices (next_attempt_at) WHERE mailed_at IS NULL AND email IS NOT NULL;

-- A rotated forum key stays valid until the overlap ends, so forums switch without downtime.
ALTER TABLE api_keys ADD COLUMN valid_until timestamptz NULL;
