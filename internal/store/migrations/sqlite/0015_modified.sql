-- 0015_modified: when each version's page said it was last changed
-- (schema.org dateModified, article:modified_time and the like), in Unix
-- nanoseconds, 0 when it said nothing. A stealth edit is one made while
-- the page's own date stayed the same.
ALTER TABLE versions ADD COLUMN modified INTEGER NOT NULL DEFAULT 0;
