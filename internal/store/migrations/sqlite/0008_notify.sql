-- 0008_notify: subscriptions to changes and the log of their deliveries.
-- Filters are comma-separated lists ('' = any); times are Unix
-- nanoseconds (0 = not yet). A delivery is one (subscription, version)
-- pair, unique, so each change reaches each subscriber once however often
-- its job is queued or retried. status: pending, delivered or failed.
CREATE TABLE subscriptions (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    url        TEXT NOT NULL,
    secret     TEXT NOT NULL DEFAULT '',
    outlets    TEXT NOT NULL DEFAULT '',
    classes    TEXT NOT NULL DEFAULT '',
    events     TEXT NOT NULL DEFAULT '',
    min_words  INTEGER NOT NULL DEFAULT 0,
    minor      INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    version_id      INTEGER NOT NULL REFERENCES versions(id),
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL DEFAULT 0,
    delivered_at    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (subscription_id, version_id)
);
CREATE INDEX deliveries_version ON deliveries(version_id);
