-- 0010_search_versions: the full-text index holds every version, not only
-- each article's newest, so text an outlet later removed can still be
-- found (see Search). Versions are append-only: a version's row in the
-- index is added with it and never changes; only a purge takes it out.

DROP TRIGGER versions_search_insert;

CREATE TRIGGER versions_search_insert AFTER INSERT ON versions
BEGIN
    INSERT INTO version_search (rowid, title, byline, text)
        VALUES (new.id, new.title, new.byline, new.text);
END;

-- 0002 indexed only the newest version of each article.
INSERT INTO version_search (rowid, title, byline, text)
    SELECT v.id, v.title, v.byline, v.text FROM versions v
    WHERE v.seq < (SELECT max(seq) FROM versions WHERE article_id = v.article_id);
