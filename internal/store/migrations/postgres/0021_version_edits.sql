-- 0021_version_edits: a version's sentence edits from the version it
-- follows, packed when it is appended (see versionEdits and
-- migrations/sqlite/0022). Empty where there are none to read; an export
-- then computes them.
ALTER TABLE versions ADD COLUMN edits BYTEA NOT NULL DEFAULT '\x';
