-- The attachments of messages, from attachment-service's events, for the last_message previews.
create table conversation_attachment (
    id          bigint primary key,
    message_id  bigint      not null,
    object_key  text        not null,
    uploaded_at timestamptz not null
);

create index conversation_attachment_message_idx on conversation_attachment (message_id, id);
