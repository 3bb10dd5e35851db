-- 0012_stories: copies of one text across outlets (wire copy) and stories
-- (coverage of one event), kept as articles are placed, one job per new
-- version. Times are Unix nanoseconds.
--
-- story_bands: an article's LSH band keys (its latest version), so the
-- articles sharing a key are an index lookup. outlet_id is kept beside
-- the key so copies within one outlet are left out in the index.
-- story_facts: hashed names, places and numbers of an article, with its
-- first-seen time, so the articles sharing a fact within a time window are
-- an index range.
-- wire_links: verified copies, each pair once (article_a < article_b).
-- wires and wire_members: groups of copies of one text, with the copy
-- taken as origin and the agency credited. stories and story_members: an
-- article is in at most one story.
CREATE TABLE story_bands (
    band       INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    outlet_id  INTEGER NOT NULL,
    PRIMARY KEY (band, article_id)
);
CREATE INDEX story_bands_article ON story_bands(article_id);

CREATE TABLE story_facts (
    fact       INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seen_at    INTEGER NOT NULL,
    PRIMARY KEY (fact, article_id)
);
CREATE INDEX story_facts_seen ON story_facts(fact, seen_at);
CREATE INDEX story_facts_article ON story_facts(article_id);

CREATE TABLE wire_links (
    article_a INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    article_b INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    shared    REAL NOT NULL,
    linked_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_a, article_b)
);
CREATE INDEX wire_links_b ON wire_links(article_b);

CREATE TABLE wires (
    id         INTEGER PRIMARY KEY,
    origin_id  INTEGER NOT NULL DEFAULT 0,
    agency     TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE wire_members (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    wire_id    INTEGER NOT NULL REFERENCES wires(id) ON DELETE CASCADE
);
CREATE INDEX wire_members_wire ON wire_members(wire_id);

CREATE TABLE stories (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    articles   INTEGER NOT NULL DEFAULT 0,
    outlets    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stories_updated ON stories(updated_at, id);

CREATE TABLE story_members (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id   INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    joined_at  INTEGER NOT NULL DEFAULT 0,
    score      REAL NOT NULL DEFAULT 0
);
CREATE INDEX story_members_story ON story_members(story_id);
