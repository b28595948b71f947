-- When the files of a deleted message were removed from the bucket; the record stays, for the
-- history of what was uploaded by whom.
alter table attachment add column removed_at timestamptz;
