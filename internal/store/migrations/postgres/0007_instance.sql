-- 0007_instance: one row naming this store, made when the store is. Feeds
-- build their entry ids from it, so an entry keeps its id whatever host
-- name the server is reached by. created_at is Unix nanoseconds.
CREATE TABLE instance (
    id         TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL
);
INSERT INTO instance (id, created_at)
VALUES (md5(random()::text || clock_timestamp()::text), (extract(epoch FROM clock_timestamp()) * 1000000)::bigint * 1000);
