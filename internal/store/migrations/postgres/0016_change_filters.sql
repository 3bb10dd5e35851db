-- 0016_change_filters: indexes that serve the filters of the changes list
-- from the rows they select (as migrations/sqlite/0016, where the tables
-- are described).
CREATE TABLE version_classes (
    class      TEXT NOT NULL,
    fetched_at BIGINT NOT NULL,
    version_id BIGINT NOT NULL,
    PRIMARY KEY (class, fetched_at, version_id)
);

CREATE TABLE outlet_changes (
    outlet_id  BIGINT NOT NULL,
    fetched_at BIGINT NOT NULL,
    version_id BIGINT NOT NULL,
    article_id BIGINT NOT NULL,
    PRIMARY KEY (outlet_id, fetched_at, version_id)
);
CREATE INDEX outlet_changes_article ON outlet_changes(article_id);

CREATE INDEX versions_article_fetched ON versions(article_id, fetched_at, id);
-- An outlet's articles newest first (the outlet page's list): PostgreSQL's
-- index on outlet_id alone does not hold the id order, as SQLite's does.
CREATE INDEX articles_outlet_id ON articles(outlet_id, id);

-- A subscription's deliveries newest first (its admin page).
CREATE INDEX deliveries_subscription ON deliveries(subscription_id, id);

-- source_stats: how many articles each source found (as
-- migrations/sqlite/0016).
CREATE TABLE source_stats (
    source_id BIGINT PRIMARY KEY,
    articles  BIGINT NOT NULL DEFAULT 0
);

INSERT INTO source_stats (source_id, articles)
    SELECT s.id, (SELECT count(*) FROM articles a WHERE a.source_id = s.id) FROM sources s;

CREATE FUNCTION errata_source_stats_source() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO source_stats (source_id) VALUES (NEW.id);
        RETURN NEW;
    END IF;
    DELETE FROM source_stats WHERE source_id = OLD.id;
    RETURN OLD;
END;
$$;

CREATE FUNCTION errata_source_stats_article() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.source_id <> 0 THEN
        UPDATE source_stats SET articles = articles - 1 WHERE source_id = OLD.source_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.source_id <> 0 THEN
        UPDATE source_stats SET articles = articles + 1 WHERE source_id = NEW.source_id;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER source_stats_source AFTER INSERT OR DELETE ON sources
    FOR EACH ROW EXECUTE FUNCTION errata_source_stats_source();
CREATE TRIGGER source_stats_article AFTER INSERT OR DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION errata_source_stats_article();
CREATE TRIGGER source_stats_article_moved AFTER UPDATE OF source_id ON articles
    FOR EACH ROW WHEN (OLD.source_id IS DISTINCT FROM NEW.source_id)
    EXECUTE FUNCTION errata_source_stats_article();

CREATE FUNCTION errata_change_filters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.seq > 0 THEN
            INSERT INTO version_classes (class, fetched_at, version_id)
                SELECT DISTINCT c, NEW.fetched_at, NEW.id FROM unnest(string_to_array(NEW.classes, ',')) AS c
                WHERE c <> '';
            INSERT INTO outlet_changes (outlet_id, fetched_at, version_id, article_id)
                SELECT outlet_id, NEW.fetched_at, NEW.id, NEW.article_id FROM articles WHERE id = NEW.article_id;
        END IF;
        RETURN NEW;
    END IF;
    IF OLD.seq > 0 THEN
        DELETE FROM version_classes WHERE class = ANY (string_to_array(OLD.classes, ','))
            AND fetched_at = OLD.fetched_at AND version_id = OLD.id;
        DELETE FROM outlet_changes WHERE article_id = OLD.article_id AND version_id = OLD.id;
    END IF;
    RETURN OLD;
END;
$$;

CREATE FUNCTION errata_outlet_changes_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE outlet_changes SET outlet_id = NEW.outlet_id WHERE article_id = NEW.id;
    UPDATE outlet_events SET outlet_id = NEW.outlet_id WHERE article_id = NEW.id;
    RETURN NEW;
END;
$$;

-- outlet_events: one row per lifecycle event under its article's outlet
-- (as migrations/sqlite/0016).
CREATE TABLE outlet_events (
    outlet_id  BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    event_id   BIGINT NOT NULL,
    article_id BIGINT NOT NULL,
    PRIMARY KEY (outlet_id, at, event_id)
);
CREATE INDEX outlet_events_article ON outlet_events(article_id);

CREATE FUNCTION errata_outlet_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO outlet_events (outlet_id, at, event_id, article_id)
            SELECT outlet_id, NEW.at, NEW.id, NEW.article_id FROM articles WHERE id = NEW.article_id;
        RETURN NEW;
    END IF;
    DELETE FROM outlet_events WHERE article_id = OLD.article_id AND event_id = OLD.id;
    RETURN OLD;
END;
$$;

CREATE TRIGGER outlet_events_row AFTER INSERT OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION errata_outlet_events();

INSERT INTO outlet_events (outlet_id, at, event_id, article_id)
    SELECT a.outlet_id, e.at, e.id, e.article_id FROM events e JOIN articles a ON a.id = e.article_id;

CREATE TRIGGER version_change_filters AFTER INSERT OR DELETE ON versions
    FOR EACH ROW EXECUTE FUNCTION errata_change_filters();
CREATE TRIGGER outlet_changes_article_moved AFTER UPDATE OF outlet_id ON articles
    FOR EACH ROW WHEN (OLD.outlet_id IS DISTINCT FROM NEW.outlet_id)
    EXECUTE FUNCTION errata_outlet_changes_moved();

INSERT INTO version_classes (class, fetched_at, version_id)
    SELECT DISTINCT c, v.fetched_at, v.id FROM versions v, unnest(string_to_array(v.classes, ',')) AS c
    WHERE v.seq > 0 AND c <> '';

INSERT INTO outlet_changes (outlet_id, fetched_at, version_id, article_id)
    SELECT a.outlet_id, v.fetched_at, v.id, v.article_id FROM versions v JOIN articles a ON a.id = v.article_id
    WHERE v.seq > 0;
