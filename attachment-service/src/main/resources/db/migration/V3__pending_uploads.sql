-- An upload in progress: written and committed before its file streams into the bucket, removed in
-- the transaction that writes the attachment record. A row older than any upload can run belongs
-- to an upload that died with its instance: the reaper removes its object, then the row.
create table pending_upload (
    -- m/<message>/<random uuid>, as the attachment record will have it
    object_key  text        primary key,
    message_id  bigint      not null,
    uploaded_by bigint      not null,
    started_at  timestamptz not null default now()
);

-- the places taken on a message: its attachments plus its pending uploads
create index pending_upload_message_idx on pending_upload (message_id);
-- what the reaper looks for: the oldest first
create index pending_upload_started_idx on pending_upload (started_at);

-- The places of a message are now counted from attachment and pending_upload (ADR 0005). The old
-- counter stays while a version that writes it may still run (rolling deployments); a later
-- migration drops it.
comment on table message_slots is 'unused since V3: places are counted from attachment and pending_upload';
