-- What conversation-service keeps of messages, from message-service's events: the last message
-- of each conversation as a rendered snapshot, and per message just enough to count unread ones.
alter table conversation
    add column last_message_id bigint,
    add column last_message    jsonb;

create table conversation_message (
    id              bigint primary key,
    conversation_id bigint  not null,
    sender_id       bigint  not null,
    is_read         boolean not null,
    is_deleted      boolean not null
);

create index conversation_message_unread_idx on conversation_message (conversation_id, sender_id)
    where not is_read and not is_deleted;
