-- 0004_furniture: what errata learned about each outlet's page furniture,
-- and the fetch a confirmation is waiting to compare with.
--
-- furniture: one learned item. kind 'path' is a block's place in the page,
-- 'text' a block's text with digits masked; origin says how it was learned
-- ('volatile': changed between a fetch and its confirmation; 'template':
-- recurs across the outlet's articles). article_id 0 means the whole
-- outlet. Rows are only added: the highest id is the outlet's furniture
-- revision.
CREATE TABLE furniture (
    id         INTEGER PRIMARY KEY,
    outlet_id  INTEGER NOT NULL REFERENCES outlets(id),
    article_id INTEGER NOT NULL DEFAULT 0,
    kind       TEXT NOT NULL,
    origin     TEXT NOT NULL,
    key        TEXT NOT NULL,
    learned_at INTEGER NOT NULL DEFAULT 0,
    UNIQUE (outlet_id, article_id, kind, key)
);

-- block_sightings: which articles of an outlet carry a short block (masked
-- text), to learn the outlet's template.
CREATE TABLE block_sightings (
    id         INTEGER PRIMARY KEY,
    outlet_id  INTEGER NOT NULL REFERENCES outlets(id),
    key        TEXT NOT NULL,
    article_id INTEGER NOT NULL,
    UNIQUE (outlet_id, key, article_id)
);

-- pending_checks: the extraction of a fetch that differed from the latest
-- version, kept until its confirmation fetch decides (blocks is JSON).
CREATE TABLE pending_checks (
    article_id INTEGER PRIMARY KEY,
    fetched_at INTEGER NOT NULL,
    title      TEXT NOT NULL DEFAULT '',
    byline     TEXT NOT NULL DEFAULT '',
    blocks     TEXT NOT NULL DEFAULT '[]'
);
