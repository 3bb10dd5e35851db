-- 0015_modified: when each version's page said it was last changed (as
-- migrations/sqlite/0015).
ALTER TABLE versions ADD COLUMN modified BIGINT NOT NULL DEFAULT 0;
