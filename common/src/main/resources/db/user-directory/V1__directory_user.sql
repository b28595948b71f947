-- The local copy of the user directory (spec B.3): the latest profile of every user this service
-- has heard of, from the chat.user.v1 feed and from callers' own token claims.
create table directory_user (
    id              bigint primary key,
    username        text        not null,
    first_name      text        not null default '',
    last_name       text        not null default '',
    profile_picture text,
    score           bigint      not null default 0,
    rank            text,
    role            text,
    in_game_ids     jsonb       not null default '[]'::jsonb,
    updated_at      timestamptz not null default now()
);
