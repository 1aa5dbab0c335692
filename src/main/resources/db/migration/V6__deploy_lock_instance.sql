-- The replica that took a deploy's run lock at Confirm. A deploy killed with its replica before it
-- was sent has no task to resume it; its lock is freed once that replica is known to be gone.
ALTER TABLE deploy_locks ADD COLUMN instance_id VARCHAR(64);
