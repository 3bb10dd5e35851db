-- 0011_outlet_stats: each outlet's counts kept as rows are written, so the
-- outlets page and API read one row per outlet instead of counting every
-- article and version of it on each request.
--
-- articles: the outlet's articles; changes: its versions after the first;
-- last_changed: the newest of those versions' fetched_at (Unix ns, 0 when
-- none). Triggers keep them: an outlet gets its row when it is made; an
-- article counts where it is; moving one (an outlet merge) moves its
-- counts; a version counts when appended, and a purge takes it away again.
-- A maximum cannot be decremented, so when the version that set
-- last_changed goes, or an article moves away, it is read again.
CREATE TABLE outlet_stats (
    outlet_id    INTEGER PRIMARY KEY,
    articles     INTEGER NOT NULL DEFAULT 0,
    changes      INTEGER NOT NULL DEFAULT 0,
    last_changed INTEGER NOT NULL DEFAULT 0
);

INSERT INTO outlet_stats (outlet_id, articles, changes, last_changed)
    SELECT o.id,
        (SELECT count(*) FROM articles a WHERE a.outlet_id = o.id),
        (SELECT count(*) FROM versions v JOIN articles a ON a.id = v.article_id
            WHERE a.outlet_id = o.id AND v.seq > 0),
        coalesce((SELECT max(v.fetched_at) FROM versions v JOIN articles a ON a.id = v.article_id
            WHERE a.outlet_id = o.id AND v.seq > 0), 0)
    FROM outlets o;

CREATE TRIGGER outlet_stats_outlet AFTER INSERT ON outlets
BEGIN
    INSERT INTO outlet_stats (outlet_id) VALUES (new.id);
END;

CREATE TRIGGER outlet_stats_outlet_gone AFTER DELETE ON outlets
BEGIN
    DELETE FROM outlet_stats WHERE outlet_id = old.id;
END;

CREATE TRIGGER outlet_stats_article AFTER INSERT ON articles
BEGIN
    UPDATE outlet_stats SET articles = articles + 1 WHERE outlet_id = new.outlet_id;
END;

CREATE TRIGGER outlet_stats_article_gone AFTER DELETE ON articles
BEGIN
    UPDATE outlet_stats SET articles = articles - 1 WHERE outlet_id = old.outlet_id;
END;

CREATE TRIGGER outlet_stats_article_moved AFTER UPDATE OF outlet_id ON articles
WHEN old.outlet_id <> new.outlet_id
BEGIN
    UPDATE outlet_stats SET articles = articles - 1,
        changes = changes - (SELECT count(*) FROM versions WHERE article_id = new.id AND seq > 0),
        last_changed = coalesce((SELECT max(v.fetched_at) FROM versions v JOIN articles a ON a.id = v.article_id
            WHERE a.outlet_id = old.outlet_id AND v.seq > 0), 0)
        WHERE outlet_id = old.outlet_id;
    UPDATE outlet_stats SET articles = articles + 1,
        changes = changes + (SELECT count(*) FROM versions WHERE article_id = new.id AND seq > 0),
        last_changed = max(last_changed, coalesce((SELECT max(fetched_at) FROM versions
            WHERE article_id = new.id AND seq > 0), 0))
        WHERE outlet_id = new.outlet_id;
END;

CREATE TRIGGER outlet_stats_version AFTER INSERT ON versions
WHEN new.seq > 0
BEGIN
    UPDATE outlet_stats SET changes = changes + 1, last_changed = max(last_changed, new.fetched_at)
        WHERE outlet_id = (SELECT outlet_id FROM articles WHERE id = new.article_id);
END;

CREATE TRIGGER outlet_stats_version_gone AFTER DELETE ON versions
WHEN old.seq > 0
BEGIN
    UPDATE outlet_stats SET changes = changes - 1
        WHERE outlet_id = (SELECT outlet_id FROM articles WHERE id = old.article_id);
    UPDATE outlet_stats SET last_changed = coalesce((SELECT max(v.fetched_at) FROM versions v
            JOIN articles a ON a.id = v.article_id WHERE a.outlet_id = outlet_stats.outlet_id AND v.seq > 0), 0)
        WHERE outlet_id = (SELECT outlet_id FROM articles WHERE id = old.article_id)
            AND last_changed <= old.fetched_at;
END;
