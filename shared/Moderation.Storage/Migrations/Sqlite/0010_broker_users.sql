-- Forum operators' broker users issued through the broker's management API. RabbitMQ has one
-- password per user, so rotating credentials issues a new user and gives the earlier ones an
-- expiry: during the overlap the operator has two live users, and every live user counts as the
-- operator when the scanner checks a post's sender. Retired users (expired and deleted at the
-- broker, or revoked) stay as the record of what was issued.
CREATE TABLE broker_users (
    user_name    text PRIMARY KEY,
    operator_id  text NOT NULL REFERENCES operators (operator_id),
    issued_at    text NOT NULL,
    expires_at   text NULL,
    retired_at   text NULL
);

CREATE INDEX broker_users_by_operator ON broker_users (operator_id);
CREATE INDEX broker_users_expiring ON broker_users (expires_at) WHERE retired_at IS NULL AND expires_at IS NOT NULL;

-- A board's policy on republished material (Art. 9): when set, a post that names the outlet it was
-- republished from but no consent reference is held for a moderator.
ALTER TABLE boards ADD COLUMN republication_requires_consent integer NOT NULL DEFAULT 0;
