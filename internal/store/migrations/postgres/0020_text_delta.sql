-- 0020_text_delta: a version's text may be stored as a delta against the
-- text of an earlier version of its article, stored whole (see
-- storedText and migrations/sqlite/0021). text_base is that version's
-- id, 0 when text holds the whole text; text_delta is then the delta,
-- and text is empty.
ALTER TABLE versions ADD COLUMN text_base BIGINT NOT NULL DEFAULT 0;
ALTER TABLE versions ADD COLUMN text_delta BYTEA NOT NULL DEFAULT '\x';

-- The trigger indexed NEW.text, which a delta leaves empty: the write
-- that appends a version now indexes its whole text (wtx.indexSearch).
DROP TRIGGER versions_search_insert ON versions;
DROP FUNCTION errata_index_version();

-- A capture may likewise be a delta against an earlier capture of its
-- article, stored whole: base is that capture's hash, '' when body is
-- packed whole. A purge keeps a capture that another's base names.
ALTER TABLE captures ADD COLUMN base TEXT COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX captures_base ON captures(base) WHERE base <> '';

-- A purged capture's leaf stays in the log, and the same page may be
-- fetched and kept again later: its new row needs a leaf of its own, so
-- a capture may have several leaves, the newest for the row kept (see
-- CaptureLeaf; verify counts the older ones as purged).
DROP INDEX log_leaves_capture;
CREATE INDEX log_leaves_capture ON log_leaves(capture_hash, leaf) WHERE capture_hash <> '';
