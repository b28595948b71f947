-- A WebSocket client's retried chat_message (same client_id) stores nothing new, even when the
-- retry arrives while the first is still being stored.
create unique index message_client_id_idx on message (conversation_id, sender_id, client_id)
    where client_id is not null;
