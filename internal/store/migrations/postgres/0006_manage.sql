-- 0006_manage: what a person decided about sources and articles, what the
-- latest poll of a source said, which source found each article, and the
-- one way recorded versions may be deleted: a purge asked for by hand (as
-- migrations/sqlite/0006).
ALTER TABLE sources
    ADD COLUMN paused INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
DROP INDEX sources_next_poll;
CREATE INDEX sources_due ON sources(paused, next_poll);

ALTER TABLE articles
    ADD COLUMN hold TEXT NOT NULL DEFAULT '',
    ADD COLUMN source_id BIGINT NOT NULL DEFAULT 0;
DROP INDEX articles_due;
CREATE INDEX articles_due ON articles(state, hold, next_check);
CREATE INDEX articles_source ON articles(source_id);

CREATE INDEX versions_capture ON versions(capture_hash);

-- purges: the articles a purge transaction is deleting; a row lives only
-- inside that transaction.
CREATE TABLE purges (
    article_id BIGINT PRIMARY KEY
);

-- Updates stay refused; a delete passes only for a version of an article
-- being purged, or a capture no version refers to during a purge.
DROP TRIGGER versions_no_update ON versions;
CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions
    FOR EACH ROW EXECUTE FUNCTION errata_append_only();
DROP TRIGGER captures_no_update ON captures;
CREATE TRIGGER captures_no_update BEFORE UPDATE ON captures
    FOR EACH ROW EXECUTE FUNCTION errata_append_only();

CREATE FUNCTION errata_purge_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM purges WHERE article_id = OLD.article_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% are append-only', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE FUNCTION errata_purge_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM purges)
        AND NOT EXISTS (SELECT 1 FROM versions WHERE capture_hash = OLD.hash) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% are append-only', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions
    FOR EACH ROW EXECUTE FUNCTION errata_purge_version();
CREATE TRIGGER captures_no_delete BEFORE DELETE ON captures
    FOR EACH ROW EXECUTE FUNCTION errata_purge_capture();
