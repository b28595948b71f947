-- The W3C traceparent of the request or event that wrote the change, sent as the record's
-- traceparent header, so that a trace runs on from the writer to every consumer.
alter table outbox_event add column trace_parent text;
