-- What recognises a repeated send is kept for chat.outbox.processed-event-retention (at least the
-- replay window), then forgotten: the Idempotency-Key rows go, and a message's client_id is set to
-- null. These indexes find the expired ones without reading every message. (Not built
-- concurrently: Flyway's migration lock is a transaction, which such a build would wait on forever.)
create index idempotent_send_created_idx on idempotent_send (created_at);
create index message_client_id_created_idx on message (created_at) where client_id is not null;
