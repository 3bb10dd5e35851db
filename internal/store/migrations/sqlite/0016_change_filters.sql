-- 0016_change_filters: indexes that serve the filters of the changes list
-- from the rows they select, so a rare class or a small outlet reads only
-- its own changes instead of walking every version. Times are Unix ns.
--
-- version_classes: one row per class of each version after the first
-- (versions.classes is a comma-separated list), in the order the list
-- pages by. outlet_changes: one row per version after the first under its
-- article's outlet, and outlet_events one per lifecycle event; an article
-- moved to another outlet (an outlet merge) moves its rows. All three are
-- derived from versions and events by the triggers below, so no write
-- path can forget them; a purge deletes versions and events and with them
-- their rows. Both are append-only, so nothing else changes them.
CREATE TABLE version_classes (
    class      TEXT NOT NULL,
    fetched_at INTEGER NOT NULL,
    version_id INTEGER NOT NULL,
    PRIMARY KEY (class, fetched_at, version_id)
) WITHOUT ROWID;

CREATE TABLE outlet_changes (
    outlet_id  INTEGER NOT NULL,
    fetched_at INTEGER NOT NULL,
    version_id INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (outlet_id, fetched_at, version_id)
) WITHOUT ROWID;
CREATE INDEX outlet_changes_article ON outlet_changes(article_id);

-- An article's changes in the list's order (its feed, and a story's
-- members, whose changes are merged by time).
CREATE INDEX versions_article_fetched ON versions(article_id, fetched_at, id);

-- source_stats: how many articles each source found, kept as articles are
-- added, deleted or let go by their source (source_id set to 0), so the
-- sources list reads one row per source instead of counting articles.
CREATE TABLE source_stats (
    source_id INTEGER PRIMARY KEY,
    articles  INTEGER NOT NULL DEFAULT 0
);

INSERT INTO source_stats (source_id, articles)
    SELECT s.id, (SELECT count(*) FROM articles a WHERE a.source_id = s.id) FROM sources s;

CREATE TRIGGER source_stats_source AFTER INSERT ON sources
BEGIN
    INSERT INTO source_stats (source_id) VALUES (new.id);
END;

CREATE TRIGGER source_stats_source_gone AFTER DELETE ON sources
BEGIN
    DELETE FROM source_stats WHERE source_id = old.id;
END;

CREATE TRIGGER source_stats_article AFTER INSERT ON articles
WHEN new.source_id <> 0
BEGIN
    UPDATE source_stats SET articles = articles + 1 WHERE source_id = new.source_id;
END;

CREATE TRIGGER source_stats_article_gone AFTER DELETE ON articles
WHEN old.source_id <> 0
BEGIN
    UPDATE source_stats SET articles = articles - 1 WHERE source_id = old.source_id;
END;

CREATE TRIGGER source_stats_article_moved AFTER UPDATE OF source_id ON articles
WHEN old.source_id <> new.source_id
BEGIN
    UPDATE source_stats SET articles = articles - 1 WHERE source_id = old.source_id;
    UPDATE source_stats SET articles = articles + 1 WHERE source_id = new.source_id;
END;

-- A subscription's deliveries newest first (its admin page).
CREATE INDEX deliveries_subscription ON deliveries(subscription_id, id);

-- The classes of a version are split by a recursive walk along the list.
-- Class names never hold commas; a repeated class counts once.
CREATE TRIGGER version_classes_insert AFTER INSERT ON versions
WHEN new.seq > 0
BEGIN
    INSERT OR IGNORE INTO version_classes (class, fetched_at, version_id)
        SELECT class, new.fetched_at, new.id FROM (
            WITH RECURSIVE split(class, rest) AS (
                SELECT '', new.classes || ','
                UNION ALL
                SELECT substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
                FROM split WHERE rest <> ''
            )
            SELECT class FROM split WHERE class <> ''
        );
    INSERT INTO outlet_changes (outlet_id, fetched_at, version_id, article_id)
        SELECT outlet_id, new.fetched_at, new.id, new.article_id FROM articles WHERE id = new.article_id;
END;

CREATE TRIGGER version_classes_delete AFTER DELETE ON versions
WHEN old.seq > 0
BEGIN
    DELETE FROM version_classes WHERE fetched_at = old.fetched_at AND version_id = old.id
        AND class IN (
            WITH RECURSIVE split(class, rest) AS (
                SELECT '', old.classes || ','
                UNION ALL
                SELECT substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
                FROM split WHERE rest <> ''
            )
            SELECT class FROM split WHERE class <> ''
        );
    DELETE FROM outlet_changes WHERE article_id = old.article_id AND version_id = old.id;
END;

CREATE TRIGGER outlet_changes_article_moved AFTER UPDATE OF outlet_id ON articles
WHEN old.outlet_id <> new.outlet_id
BEGIN
    UPDATE outlet_changes SET outlet_id = new.outlet_id WHERE article_id = new.id;
    UPDATE outlet_events SET outlet_id = new.outlet_id WHERE article_id = new.id;
END;

-- outlet_events: one row per lifecycle event under its article's outlet,
-- in the order the events list pages by, kept like outlet_changes.
CREATE TABLE outlet_events (
    outlet_id  INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    event_id   INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (outlet_id, at, event_id)
) WITHOUT ROWID;
CREATE INDEX outlet_events_article ON outlet_events(article_id);

CREATE TRIGGER outlet_events_insert AFTER INSERT ON events
BEGIN
    INSERT INTO outlet_events (outlet_id, at, event_id, article_id)
        SELECT outlet_id, new.at, new.id, new.article_id FROM articles WHERE id = new.article_id;
END;

CREATE TRIGGER outlet_events_delete AFTER DELETE ON events
BEGIN
    DELETE FROM outlet_events WHERE article_id = old.article_id AND event_id = old.id;
END;

INSERT INTO outlet_events (outlet_id, at, event_id, article_id)
    SELECT a.outlet_id, e.at, e.id, e.article_id FROM events e JOIN articles a ON a.id = e.article_id;

WITH RECURSIVE split(version_id, fetched_at, class, rest) AS (
    SELECT id, fetched_at, '', classes || ',' FROM versions WHERE seq > 0
    UNION ALL
    SELECT version_id, fetched_at, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
    FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO version_classes (class, fetched_at, version_id)
    SELECT class, fetched_at, version_id FROM split WHERE class <> '';

INSERT INTO outlet_changes (outlet_id, fetched_at, version_id, article_id)
    SELECT a.outlet_id, v.fetched_at, v.id, v.article_id FROM versions v JOIN articles a ON a.id = v.article_id
    WHERE v.seq > 0;
