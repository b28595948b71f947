-- The outbox: events written in the same transaction as the change they describe, published to
-- Kafka after commit, in position order, by one publisher per service at a time.
create table outbox_event (
    position     bigint generated always as identity primary key,
    topic        text        not null,
    record_key   text        not null,
    -- the event's order within its key (a conversation's seq), when the producer keeps one
    key_sequence bigint,
    event_id     uuid        not null unique,
    type         text        not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);

create index outbox_event_unpublished_idx on outbox_event (position) where published_at is null;
create index outbox_event_key_sequence_idx on outbox_event (topic, record_key, key_sequence);

-- Event ids a consumer of this service has already applied: consumers are idempotent by event id.
create table processed_event (
    event_id     uuid primary key,
    processed_at timestamptz not null default now()
);
