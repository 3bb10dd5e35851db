-- 0021_text_delta: a version's text may be stored as a delta against the
-- text of an earlier version of its article, stored whole (see
-- storedText). text_base is that version's id, 0 when text holds the
-- whole text; text_delta is then the delta, and text is empty.
ALTER TABLE versions ADD COLUMN text_base INTEGER NOT NULL DEFAULT 0;
ALTER TABLE versions ADD COLUMN text_delta BLOB NOT NULL DEFAULT x'';

-- The full-text index borrowed its content from versions (0002), which
-- no longer holds every text whole. It keeps none now (contentless),
-- and deletes by rowid (contentless_delete), so a purge needs no text.
-- Search reads only rowids from it.
DROP TABLE version_search;
CREATE VIRTUAL TABLE version_search USING fts5(
    title, byline, text,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO version_search (rowid, title, byline, text)
    SELECT id, title, byline, text FROM versions;

-- A capture may likewise be a delta against an earlier capture of its
-- article, stored whole: base is that capture's hash, '' when body is
-- packed whole. A purge keeps a capture that another's base names.
ALTER TABLE captures ADD COLUMN base TEXT NOT NULL DEFAULT '';
CREATE INDEX captures_base ON captures(base) WHERE base <> '';

-- A purged capture's leaf stays in the log, and the same page may be
-- fetched and kept again later: its new row needs a leaf of its own, so
-- a capture may have several leaves, the newest for the row kept (see
-- CaptureLeaf; verify counts the older ones as purged).
DROP INDEX log_leaves_capture;
CREATE INDEX log_leaves_capture ON log_leaves(capture_hash, leaf) WHERE capture_hash <> '';
