-- The seq of the last message event applied to each conversation's previews: message events are
-- applied in seq order, whether Kafka or the writer's own write-through brought them (ADR 0009).
-- Rows from before this column have no known seq (null) and fall back to the processed-event ids
-- until Kafka's next event for them sets it; conversations created from now on start at 0.
alter table conversation add column applied_seq bigint;
alter table conversation alter column applied_seq set default 0;
