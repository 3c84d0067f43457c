-- Whether a message to a forum names the posts it is about (see the PostgreSQL migration of the same number).
ALTER TABLE message_outbox ADD COLUMN names_posts integer NOT NULL DEFAULT 0;

UPDATE message_outbox SET names_posts = 1
 WHERE outbox_id IN (SELECT outbox_id FROM message_outbox_posts);

CREATE INDEX message_outbox_naming_no_post ON message_outbox (outbox_id) WHERE NOT names_posts;
