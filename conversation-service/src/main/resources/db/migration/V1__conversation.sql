-- A 1:1 conversation. The pair is stored ordered (user_low < user_high) so that the unique
-- constraint makes "exactly one conversation per unordered pair" a fact of the database.
create table conversation (
    id               bigint generated always as identity primary key,
    user_low         bigint      not null,
    user_high        bigint      not null,
    created_at       timestamptz not null default now(),
    -- the last message's time, else the creation time: the list is ordered by it (spec B.8)
    last_activity_at timestamptz not null default now(),
    constraint conversation_pair_ordered check (user_low < user_high),
    constraint conversation_pair_unique unique (user_low, user_high)
);

create index conversation_user_high_idx on conversation (user_high);
create index conversation_activity_idx on conversation (last_activity_at desc, id desc);
