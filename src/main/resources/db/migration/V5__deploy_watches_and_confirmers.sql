-- A service's polling started: its first poll records the images already there without announcing them,
-- even when the repository was still empty then (so its first image is announced).
CREATE TABLE deploy_watches (
    service     VARCHAR(64) NOT NULL PRIMARY KEY,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Who confirmed a deploy that waits for approvals (the requester or an admin), shown while it waits.
ALTER TABLE deploys ADD COLUMN confirmed_by VARCHAR(64);
