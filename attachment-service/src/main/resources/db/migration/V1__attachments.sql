create table attachment (
    id              bigint generated always as identity primary key,
    message_id      bigint      not null,
    conversation_id bigint      not null,
    -- never derived from the client's file name: m/<message>/<random uuid>
    object_key      text        not null unique,
    content_type    text        not null,
    size_bytes      bigint      not null,
    uploaded_by     bigint      not null,
    uploaded_at     timestamptz not null default now()
);

create index attachment_message_idx on attachment (message_id);

-- Places taken on a message, at most ten: taken before an upload streams, given back if it fails,
-- so that concurrent uploads to one message never exceed the limit.
create table message_slots (
    message_id bigint primary key,
    taken      int    not null
);
