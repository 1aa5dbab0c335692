-- Files the outbox owes Slack (a run's full output), gzip-compressed, kept until they are settled.
-- The outbox row (kind 'upload') carries the channel and the title; this row the name and bytes.
CREATE TABLE outbox_files (
    message_key VARCHAR(64)  PRIMARY KEY,
    filename    VARCHAR(255) NOT NULL,
    content     BYTEA        NOT NULL
);

-- When each post was delivered, so that references too old to be edited can be forgotten.
ALTER TABLE outbox_refs ADD COLUMN delivered_at TIMESTAMP WITH TIME ZONE;
UPDATE outbox_refs SET delivered_at = CURRENT_TIMESTAMP;

-- New messages appear in a channel in the order they were queued: the drain looks up each channel's oldest.
CREATE INDEX outbox_channel ON outbox (channel, state);

-- Pacing carries over between replicas: the drain reads what was delivered in the last seconds.
CREATE INDEX outbox_delivered ON outbox (state, delivered_at);
