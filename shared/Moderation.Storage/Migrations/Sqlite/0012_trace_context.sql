-- The trace (W3C traceparent) of the work that wrote a row, so the relay that sends a message later
-- and the Notifier that delivers a report continue that trace. Null for rows written before.
ALTER TABLE message_outbox ADD COLUMN trace_parent text NULL;
ALTER TABLE notification_outbox ADD COLUMN trace_parent text NULL;
