-- Which posts each message to a forum is about (see the PostgreSQL migration of the same number).
CREATE TABLE message_outbox_posts (
    outbox_id  integer NOT NULL REFERENCES message_outbox (outbox_id),
    board_id   text NOT NULL,
    post_id    text NOT NULL,
    PRIMARY KEY (outbox_id, board_id, post_id)
);

CREATE INDEX message_outbox_posts_by_post ON message_outbox_posts (board_id, post_id, outbox_id);
CREATE INDEX message_outbox_by_destination ON message_outbox (destination, outbox_id);

INSERT INTO message_outbox_posts (outbox_id, board_id, post_id)
SELECT outbox_id, json_extract(payload_json, '$.boardId'), json_extract(payload_json, '$.postId')
  FROM message_outbox
 WHERE message_type IN ('PostVerdict', 'PostRejected')
   AND instr(payload_json, '\u0000') = 0
   AND json_extract(payload_json, '$.boardId') IS NOT NULL
   AND json_extract(payload_json, '$.postId') IS NOT NULL;

INSERT INTO message_outbox_posts (outbox_id, board_id, post_id)
SELECT DISTINCT o.outbox_id, json_extract(t.value, '$.boardId'), json_extract(t.value, '$.postId')
  FROM message_outbox o, json_each(o.payload_json, '$.targets') AS t
 WHERE o.message_type = 'TakedownRequested'
   AND instr(o.payload_json, '\u0000') = 0
   AND json_extract(t.value, '$.boardId') IS NOT NULL AND json_extract(t.value, '$.postId') IS NOT NULL;

CREATE TABLE forum_webhooks (
    operator_id        text PRIMARY KEY REFERENCES operators (operator_id),
    url                text NOT NULL,
    secret             text NOT NULL,
    delivered_through  integer NOT NULL,
    failures           integer NOT NULL DEFAULT 0,
    last_error         text NULL,
    next_attempt_at    text NOT NULL,
    claimed_until      text NULL,
    created_at         text NOT NULL,
    updated_at         text NOT NULL
);
