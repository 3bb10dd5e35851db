-- 0002_search: full-text search over the latest version of each article,
-- and an index for the recent-changes listing (as migrations/sqlite/0002).
--
-- article_search holds one tsvector per article, built from its newest
-- version by a trigger when a version is appended; a version older than
-- the indexed one never replaces it. Versions are append-only, so the
-- index can never drift from them. The 'simple' configuration lowercases
-- without stemming, like SQLite's unicode61 tokenizer.

CREATE TABLE article_search (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id),
    version_id BIGINT NOT NULL REFERENCES versions(id),
    seq        INTEGER NOT NULL,
    doc        tsvector NOT NULL
);
CREATE INDEX article_search_doc ON article_search USING gin (doc);

CREATE FUNCTION errata_search_doc(title TEXT, byline TEXT, body TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE AS $$
    SELECT setweight(to_tsvector('simple', title), 'A')
        || setweight(to_tsvector('simple', byline), 'B')
        || to_tsvector('simple', body)
$$;

CREATE FUNCTION errata_index_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO article_search (article_id, version_id, seq, doc)
    VALUES (NEW.article_id, NEW.id, NEW.seq, errata_search_doc(NEW.title, NEW.byline, NEW.text))
    ON CONFLICT (article_id) DO UPDATE
        SET version_id = EXCLUDED.version_id, seq = EXCLUDED.seq, doc = EXCLUDED.doc
        WHERE article_search.seq < EXCLUDED.seq;
    RETURN NULL;
END;
$$;

CREATE TRIGGER versions_search_insert AFTER INSERT ON versions
    FOR EACH ROW EXECUTE FUNCTION errata_index_version();

INSERT INTO article_search (article_id, version_id, seq, doc)
    SELECT DISTINCT ON (article_id) article_id, id, seq, errata_search_doc(title, byline, text)
    FROM versions ORDER BY article_id, seq DESC;

CREATE INDEX versions_fetched ON versions(fetched_at, id);
