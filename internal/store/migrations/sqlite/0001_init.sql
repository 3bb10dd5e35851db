-- 0001_init: errata's first schema. Times are INTEGER unix nanoseconds UTC
-- (0 = unknown). Versions and captures are append-only: triggers refuse
-- UPDATE and DELETE so no code path can rewrite history.

CREATE TABLE outlets (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    host  TEXT NOT NULL DEFAULT '',
    rules TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    outlet_id     INTEGER NOT NULL REFERENCES outlets(id),
    url           TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    last_polled   INTEGER NOT NULL DEFAULT 0,
    next_poll     INTEGER NOT NULL DEFAULT 0,
    errors        INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_next_poll ON sources(next_poll);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    outlet_id     INTEGER NOT NULL REFERENCES outlets(id),
    url           TEXT NOT NULL UNIQUE,
    first_seen    INTEGER NOT NULL DEFAULT 0,
    published     INTEGER NOT NULL DEFAULT 0,
    last_checked  INTEGER NOT NULL DEFAULT 0,
    last_changed  INTEGER NOT NULL DEFAULT 0,
    next_check    INTEGER NOT NULL DEFAULT 0,
    state         TEXT NOT NULL DEFAULT 'active',
    errors        INTEGER NOT NULL DEFAULT 0,
    gone          INTEGER NOT NULL DEFAULT 0,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    body_hash     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX articles_due ON articles(state, next_check);
CREATE INDEX articles_outlet ON articles(outlet_id);

CREATE TABLE article_aliases (
    url        TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id)
);
CREATE INDEX article_aliases_article ON article_aliases(article_id);

CREATE TABLE captures (
    hash       TEXT PRIMARY KEY,
    url        TEXT NOT NULL,
    status     INTEGER NOT NULL,
    header     TEXT NOT NULL DEFAULT '{}',
    fetched_at INTEGER NOT NULL DEFAULT 0,
    size       INTEGER NOT NULL DEFAULT 0,
    -- The gzip-compressed body, kept in the transaction that records its
    -- version: no file to lose or orphan, one file to back up.
    body       BLOB NOT NULL DEFAULT x''
);

CREATE TABLE versions (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles(id),
    seq          INTEGER NOT NULL,
    fetched_at   INTEGER NOT NULL DEFAULT 0,
    title        TEXT NOT NULL DEFAULT '',
    byline       TEXT NOT NULL DEFAULT '',
    published    INTEGER NOT NULL DEFAULT 0,
    text         TEXT NOT NULL DEFAULT '',
    hash         TEXT NOT NULL DEFAULT '',
    capture_hash TEXT NOT NULL DEFAULT '',
    extractor    TEXT NOT NULL DEFAULT '',
    classes      TEXT NOT NULL DEFAULT '',
    added        INTEGER NOT NULL DEFAULT 0,
    removed      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (article_id, seq)
);
-- Finds the article already holding a text, when a new URL turns out to
-- serve an article errata tracks under another one.
CREATE INDEX versions_hash ON versions(hash);

CREATE TABLE checks (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    at          INTEGER NOT NULL,
    status      INTEGER NOT NULL DEFAULT 0,
    outcome     TEXT NOT NULL,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    hash        TEXT NOT NULL DEFAULT '',
    error       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX checks_article_at ON checks(article_id, at);

CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions
BEGIN
    SELECT RAISE(ABORT, 'versions are append-only');
END;

CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions
BEGIN
    SELECT RAISE(ABORT, 'versions are append-only');
END;

CREATE TRIGGER captures_no_update BEFORE UPDATE ON captures
BEGIN
    SELECT RAISE(ABORT, 'captures are append-only');
END;

CREATE TRIGGER captures_no_delete BEFORE DELETE ON captures
BEGIN
    SELECT RAISE(ABORT, 'captures are append-only');
END;
