-- The attachments of each message, from attachment-service's events; links are signed at each read.
create table message_attachment (
    id          bigint primary key,
    message_id  bigint      not null,
    object_key  text        not null,
    uploaded_at timestamptz not null
);

create index message_attachment_message_idx on message_attachment (message_id, id);
