-- 0002_search: full-text search over the latest version of each article,
-- and an index for the recent-changes listing.
--
-- The FTS5 table borrows its content from versions (external content, rowid
-- = version id), so text is stored once. Only each article's newest version
-- is indexed: when a version is appended, the one it supersedes (seq - 1) is
-- taken out of the index in the same transaction. Versions are append-only,
-- so the borrowed content can never drift from the index.

CREATE VIRTUAL TABLE version_search USING fts5(
    title, byline, text,
    content = 'versions', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER versions_search_insert AFTER INSERT ON versions
BEGIN
    INSERT INTO version_search (version_search, rowid, title, byline, text)
        SELECT 'delete', id, title, byline, text FROM versions
        WHERE article_id = new.article_id AND seq = new.seq - 1;
    INSERT INTO version_search (rowid, title, byline, text)
        VALUES (new.id, new.title, new.byline, new.text);
END;

INSERT INTO version_search (rowid, title, byline, text)
    SELECT v.id, v.title, v.byline, v.text FROM versions v
    WHERE v.seq = (SELECT max(seq) FROM versions WHERE article_id = v.article_id);

CREATE INDEX versions_fetched ON versions(fetched_at, id);
