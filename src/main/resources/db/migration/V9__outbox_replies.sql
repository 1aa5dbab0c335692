-- Portable SQL: runs on H2 2.x and PostgreSQL 12+.
-- Replies in a message's thread: a post whose parent_key names the message it answers. It goes
-- out after its parent (the same channel keeps posts in the order queued), with thread_ts set to
-- the parent's ts from outbox_refs; a reply whose parent is never delivered ends as its parent did.
ALTER TABLE outbox ADD COLUMN parent_key VARCHAR(64);
