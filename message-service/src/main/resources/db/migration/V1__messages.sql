create table message (
    id              bigint generated always as identity primary key,
    conversation_id bigint      not null,
    sender_id       bigint      not null,
    -- the other participant of the 1:1 conversation: the one who may mark it read
    recipient_id    bigint      not null,
    content         text        not null,
    created_at      timestamptz not null default now(),
    edited          boolean     not null default false,
    deleted         boolean     not null default false,
    read_at         timestamptz,
    -- the id a WebSocket client gave its chat_message, echoed back and deduplicated
    client_id       text
);

-- history pages by id within a conversation, newest first (keyset: before / after an id)
create index message_conversation_id_idx on message (conversation_id, id desc);
-- what a reader has not read yet in a conversation
create index message_unread_idx on message (conversation_id, recipient_id, id) where read_at is null;

-- A conversation's event counter: each stored change takes the next number, with no gaps; the
-- row lock also serializes a conversation's changes, so its events are committed in seq order.
create table conversation_sequence (
    conversation_id bigint primary key,
    last_seq        bigint not null,
    -- messages ever stored in it (deleted ones stay in lists): the count of history pages
    message_count   bigint not null default 0
);

-- What this service has learned of conversation-service's conversations: participants never
-- change, so the answer is kept for good.
create table known_conversation (
    id        bigint primary key,
    user_low  bigint not null,
    user_high bigint not null
);

-- Idempotency-Key of a send: a retry with the same key by the same user returns the first message.
create table idempotent_send (
    user_id         bigint      not null,
    idempotency_key text        not null,
    message_id      bigint      not null,
    created_at      timestamptz not null default now(),
    primary key (user_id, idempotency_key)
);
