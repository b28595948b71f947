-- A pair has exactly one conversation for good (conversation-service's unique pair, never
-- deleted), so a send to a recipient finds it here without asking conversation-service again.
create unique index known_conversation_pair_idx on known_conversation (user_low, user_high);
