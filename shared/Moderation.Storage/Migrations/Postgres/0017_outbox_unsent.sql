-- Which messages to forums are still to be sent moves from message_outbox.sent_at to a narrow table
-- of its own. Marking a row sent was an UPDATE of message_outbox that could never be a HOT update
-- (the partial index message_outbox_pending names sent_at), so each one wrote a second copy of the
-- row with its payload and new entries in every index of the table. Now a writer adds the row's
-- claim here in the transaction that writes the message, and sending deletes it: message_outbox is
-- written once. There is no foreign key: nothing deletes message_outbox rows, and the check would
-- cost a look-up for every message.
CREATE TABLE message_outbox_unsent (
    outbox_id      bigint PRIMARY KEY,
    claimed_until  timestamptz NOT NULL,
    attempts       integer NOT NULL
);

-- Rows written from here on carry their time of writing in sent_at, so they never enter
-- message_outbox_pending and relays of earlier versions, still running while an upgrade rolls
-- out, never take them; such relays keep sending the rows earlier versions write. This version's
-- relay claims from both (message_outbox_pending stays for the rows of earlier versions).

-- The long texts (a post's body up to 20,000 characters, a scan's reasons, a message's payload)
-- are compressed with lz4 instead of pglz when they pass the TOAST threshold: under load pglz was
-- a visible part of INSERT INTO posts. Servers built without lz4 keep pglz. Rows already written
-- keep their compression; only new values change.
DO $$
BEGIN
    ALTER TABLE posts ALTER COLUMN body SET COMPRESSION lz4;
    ALTER TABLE posts ALTER COLUMN title SET COMPRESSION lz4;
    ALTER TABLE scans ALTER COLUMN reasons_json SET COMPRESSION lz4;
    ALTER TABLE message_outbox ALTER COLUMN payload_json SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server; long texts stay compressed with pglz';
END
$$;
