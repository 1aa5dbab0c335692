-- Portable SQL: runs on H2 2.x and PostgreSQL 12+.
-- Who opened the App Home tab lately: every replica republishes the tab for them when the board changes.
CREATE TABLE home_viewers (
    user_id    VARCHAR(64) PRIMARY KEY,
    opened_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX home_viewers_opened_at ON home_viewers (opened_at);
