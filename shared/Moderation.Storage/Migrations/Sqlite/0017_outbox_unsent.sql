-- Which messages to forums are still to be sent moves from message_outbox.sent_at to a narrow table
-- of its own (see the PostgreSQL migration of the same number): a writer adds the row's claim here
-- in the transaction that writes the message, and sending deletes it, so message_outbox is written
-- once. Rows written from here on carry their time of writing in sent_at, which keeps them away from
-- relays of earlier versions; this version's relay claims from both.
CREATE TABLE message_outbox_unsent (
    outbox_id      INTEGER PRIMARY KEY,
    claimed_until  text NOT NULL,
    attempts       integer NOT NULL
);
