-- 0011_outlet_stats: each outlet's counts kept as rows are written (as
-- migrations/sqlite/0011; the triggers there are commented).
CREATE TABLE outlet_stats (
    outlet_id    BIGINT PRIMARY KEY,
    articles     BIGINT NOT NULL DEFAULT 0,
    changes      BIGINT NOT NULL DEFAULT 0,
    last_changed BIGINT NOT NULL DEFAULT 0
);

INSERT INTO outlet_stats (outlet_id, articles, changes, last_changed)
    SELECT o.id,
        (SELECT count(*) FROM articles a WHERE a.outlet_id = o.id),
        (SELECT count(*) FROM versions v JOIN articles a ON a.id = v.article_id
            WHERE a.outlet_id = o.id AND v.seq > 0),
        coalesce((SELECT max(v.fetched_at) FROM versions v JOIN articles a ON a.id = v.article_id
            WHERE a.outlet_id = o.id AND v.seq > 0), 0)
    FROM outlets o;

-- errata_outlet_last_changed reads an outlet's newest change again.
CREATE FUNCTION errata_outlet_last_changed(outlet BIGINT) RETURNS BIGINT LANGUAGE sql STABLE AS $$
    SELECT coalesce(max(v.fetched_at), 0) FROM versions v JOIN articles a ON a.id = v.article_id
        WHERE a.outlet_id = outlet AND v.seq > 0
$$;

CREATE FUNCTION errata_outlet_stats_outlet() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO outlet_stats (outlet_id) VALUES (NEW.id);
        RETURN NEW;
    END IF;
    DELETE FROM outlet_stats WHERE outlet_id = OLD.id;
    RETURN OLD;
END;
$$;

CREATE FUNCTION errata_outlet_stats_article() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    moved BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE outlet_stats SET articles = articles + 1 WHERE outlet_id = NEW.outlet_id;
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE outlet_stats SET articles = articles - 1 WHERE outlet_id = OLD.outlet_id;
        RETURN OLD;
    END IF;
    SELECT count(*) INTO moved FROM versions WHERE article_id = NEW.id AND seq > 0;
    UPDATE outlet_stats SET articles = articles - 1, changes = changes - moved,
        last_changed = errata_outlet_last_changed(OLD.outlet_id)
        WHERE outlet_id = OLD.outlet_id;
    UPDATE outlet_stats SET articles = articles + 1, changes = changes + moved,
        last_changed = greatest(last_changed, coalesce((SELECT max(fetched_at) FROM versions
            WHERE article_id = NEW.id AND seq > 0), 0))
        WHERE outlet_id = NEW.outlet_id;
    RETURN NEW;
END;
$$;

CREATE FUNCTION errata_outlet_stats_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    outlet BIGINT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.seq = 0 THEN
            RETURN NEW;
        END IF;
        SELECT outlet_id INTO outlet FROM articles WHERE id = NEW.article_id;
        UPDATE outlet_stats SET changes = changes + 1, last_changed = greatest(last_changed, NEW.fetched_at)
            WHERE outlet_id = outlet;
        RETURN NEW;
    END IF;
    IF OLD.seq = 0 THEN
        RETURN OLD;
    END IF;
    SELECT outlet_id INTO outlet FROM articles WHERE id = OLD.article_id;
    UPDATE outlet_stats SET changes = changes - 1 WHERE outlet_id = outlet;
    UPDATE outlet_stats SET last_changed = errata_outlet_last_changed(outlet)
        WHERE outlet_id = outlet AND last_changed <= OLD.fetched_at;
    RETURN OLD;
END;
$$;

CREATE TRIGGER outlet_stats_outlet AFTER INSERT OR DELETE ON outlets
    FOR EACH ROW EXECUTE FUNCTION errata_outlet_stats_outlet();
CREATE TRIGGER outlet_stats_article AFTER INSERT OR DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION errata_outlet_stats_article();
CREATE TRIGGER outlet_stats_article_moved AFTER UPDATE OF outlet_id ON articles
    FOR EACH ROW WHEN (OLD.outlet_id IS DISTINCT FROM NEW.outlet_id)
    EXECUTE FUNCTION errata_outlet_stats_article();
CREATE TRIGGER outlet_stats_version AFTER INSERT OR DELETE ON versions
    FOR EACH ROW EXECUTE FUNCTION errata_outlet_stats_version();
