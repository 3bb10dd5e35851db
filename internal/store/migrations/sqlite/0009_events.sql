-- 0009_events: lifecycle events of articles, shown beside their versions,
-- and deliveries that may carry an event instead of a version.
--
-- events.kind: 'gone' (the article answered 404/410 long enough to be
-- marked gone), 'back' (a gone article answered with content again),
-- 'moved' (a permanent redirect to another URL of the same article:
-- old_url → new_url), 'flip_flop' (an episode of an earlier version
-- served again: seq is that version's number). status is the HTTP status
-- behind the event (0 when none); seq is -1 when the kind has none.
-- check_id is the check the event came from. Append-only like versions:
-- only a purge of the article may delete its events.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    kind       TEXT NOT NULL,
    at         INTEGER NOT NULL,
    check_id   INTEGER NOT NULL DEFAULT 0,
    status     INTEGER NOT NULL DEFAULT 0,
    seq        INTEGER NOT NULL DEFAULT -1,
    old_url    TEXT NOT NULL DEFAULT '',
    new_url    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_at ON events(at, id);
CREATE INDEX events_kind ON events(kind, at, id);
CREATE INDEX events_article ON events(article_id, at, id);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
WHEN NOT EXISTS (SELECT 1 FROM purges WHERE article_id = old.article_id)
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- A delivery carries a version or an event: the other id is 0. The table
-- is rebuilt because SQLite cannot drop a column's reference or change a
-- unique constraint in place.
CREATE TABLE deliveries_new (
    id              INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    version_id      INTEGER NOT NULL DEFAULT 0,
    event_id        INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL DEFAULT 0,
    delivered_at    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (subscription_id, version_id, event_id)
);
INSERT INTO deliveries_new (id, subscription_id, version_id, status, attempts, last_error, created_at, delivered_at)
    SELECT id, subscription_id, version_id, status, attempts, last_error, created_at, delivered_at FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;
CREATE INDEX deliveries_version ON deliveries(version_id);
CREATE INDEX deliveries_event ON deliveries(event_id);
