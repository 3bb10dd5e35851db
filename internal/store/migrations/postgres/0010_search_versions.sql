-- 0010_search_versions: the full-text index holds every version, not only
-- each article's newest (as migrations/sqlite/0010), so text an outlet
-- later removed can still be found. version_search replaces 0002's
-- article_search: one tsvector per version, added by a trigger when the
-- version is appended and never changed; only a purge takes it out.

DROP TRIGGER versions_search_insert ON versions;
DROP TABLE article_search;

CREATE TABLE version_search (
    version_id BIGINT PRIMARY KEY REFERENCES versions(id),
    article_id BIGINT NOT NULL,
    doc        tsvector NOT NULL
);
CREATE INDEX version_search_doc ON version_search USING gin (doc);
-- Search asks whether an article's versions above a page's start match;
-- a purge deletes an article's rows.
CREATE INDEX version_search_article ON version_search (article_id, version_id);

CREATE OR REPLACE FUNCTION errata_index_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO version_search (version_id, article_id, doc)
    VALUES (NEW.id, NEW.article_id, errata_search_doc(NEW.title, NEW.byline, NEW.text));
    RETURN NULL;
END;
$$;

CREATE TRIGGER versions_search_insert AFTER INSERT ON versions
    FOR EACH ROW EXECUTE FUNCTION errata_index_version();

INSERT INTO version_search (version_id, article_id, doc)
    SELECT id, article_id, errata_search_doc(title, byline, text) FROM versions;
