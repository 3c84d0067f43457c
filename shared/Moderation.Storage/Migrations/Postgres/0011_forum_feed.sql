-- Which posts each message to a forum is about, so a forum that reads over HTTP can see the same
-- messages an AMQP forum receives: a post's verdicts at every stage (scan, review, order) and a feed
-- of everything sent to its operator since a cursor. One row per post: a takedown names several.
CREATE TABLE message_outbox_posts (
    outbox_id  bigint NOT NULL REFERENCES message_outbox (outbox_id),
    board_id   text NOT NULL,
    post_id    text NOT NULL,
    PRIMARY KEY (outbox_id, board_id, post_id)
);

CREATE INDEX message_outbox_posts_by_post ON message_outbox_posts (board_id, post_id, outbox_id);
CREATE INDEX message_outbox_by_destination ON message_outbox (destination, outbox_id);

-- Messages written before this migration: verdicts and rejections name their post in the payload.
-- A payload holding an escaped NUL (a rejected post's malformed id) cannot be read as jsonb and
-- names no post a forum can read back, so it is left out (CASE: the check runs before the cast).
INSERT INTO message_outbox_posts (outbox_id, board_id, post_id)
SELECT outbox_id, j ->> 'boardId', j ->> 'postId'
  FROM (SELECT outbox_id,
               CASE WHEN strpos(payload_json, '\u0000') = 0 THEN payload_json::jsonb END AS j
          FROM message_outbox
         WHERE message_type IN ('PostVerdict', 'PostRejected')) AS m
 WHERE j ->> 'boardId' IS NOT NULL AND j ->> 'postId' IS NOT NULL;

INSERT INTO message_outbox_posts (outbox_id, board_id, post_id)
SELECT DISTINCT m.outbox_id, t ->> 'boardId', t ->> 'postId'
  FROM (SELECT outbox_id,
               CASE WHEN strpos(payload_json, '\u0000') = 0 THEN payload_json::jsonb END AS j
          FROM message_outbox
         WHERE message_type = 'TakedownRequested') AS m
 CROSS JOIN LATERAL jsonb_array_elements(COALESCE(m.j -> 'targets', '[]'::jsonb)) AS t
 WHERE t ->> 'boardId' IS NOT NULL AND t ->> 'postId' IS NOT NULL;

-- A forum operator's webhook: the feed pushed to its URL, signed per Standard Webhooks with its
-- secret. delivered_through is the feed cursor the forum has acknowledged with a 2xx.
CREATE TABLE forum_webhooks (
    operator_id        text PRIMARY KEY REFERENCES operators (operator_id),
    url                text NOT NULL,
    secret             text NOT NULL,
    delivered_through  bigint NOT NULL,
    failures           integer NOT NULL DEFAULT 0,
    last_error         text NULL,
    next_attempt_at    timestamptz NOT NULL,
    claimed_until      timestamptz NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
