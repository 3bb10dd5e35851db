-- 0006_manage: what a person decided about sources and articles, what the
-- latest poll of a source said, which source found each article, and the
-- one way recorded versions may be deleted: a purge asked for by hand.
--
-- sources.paused: 1 when paused by hand; a paused source is not polled.
-- sources.last_error: why its latest poll failed ('' after a good one).
-- articles.hold: '' (tracked as state says), 'paused' (not checked until
-- resumed) or 'removed' (no longer tracked; versions kept). Checks never
-- write it, so a check finishing after a pause cannot undo it.
-- articles.source_id: the source that found it; 0 when added by hand or
-- found before this migration.
ALTER TABLE sources ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
DROP INDEX sources_next_poll;
CREATE INDEX sources_due ON sources(paused, next_poll);

ALTER TABLE articles ADD COLUMN hold TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN source_id INTEGER NOT NULL DEFAULT 0;
DROP INDEX articles_due;
CREATE INDEX articles_due ON articles(state, hold, next_check);
CREATE INDEX articles_source ON articles(source_id);

-- A purge deletes the captures no version refers to any more.
CREATE INDEX versions_capture ON versions(capture_hash);

-- purges: the articles a purge transaction is deleting. A row lives only
-- inside that transaction; while it does, the article's versions may be
-- deleted, and so may captures no version refers to. Nothing else may
-- delete either.
CREATE TABLE purges (
    article_id INTEGER PRIMARY KEY
);

DROP TRIGGER versions_no_delete;
CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions
WHEN NOT EXISTS (SELECT 1 FROM purges WHERE article_id = old.article_id)
BEGIN
    SELECT RAISE(ABORT, 'versions are append-only');
END;

DROP TRIGGER captures_no_delete;
CREATE TRIGGER captures_no_delete BEFORE DELETE ON captures
WHEN NOT EXISTS (SELECT 1 FROM purges)
    OR EXISTS (SELECT 1 FROM versions WHERE capture_hash = old.hash)
BEGIN
    SELECT RAISE(ABORT, 'captures are append-only');
END;
