-- Whether a message to a forum names the posts it is about (rows in message_outbox_posts). The purge
-- of a post's text (IncidentRepository.PurgeAsync) looks at the messages naming that post, through
-- message_outbox_posts_by_post, and at the few that name no post (a rejection of a post whose ids
-- are malformed, a row written before this column), through the partial index below: never at the
-- whole table, which keeps every message a forum may still read back and grows with every post.
ALTER TABLE message_outbox ADD COLUMN names_posts boolean NOT NULL DEFAULT false;

UPDATE message_outbox SET names_posts = true
 WHERE outbox_id IN (SELECT outbox_id FROM message_outbox_posts);

CREATE INDEX message_outbox_naming_no_post ON message_outbox (outbox_id) WHERE NOT names_posts;
