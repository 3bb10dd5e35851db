-- 0007_instance: one row naming this store, made when the store is. Feeds
-- build their entry ids from it, so an entry keeps its id whatever host
-- name the server is reached by. created_at is Unix nanoseconds.
CREATE TABLE instance (
    id         TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL
);
INSERT INTO instance (id, created_at)
VALUES (lower(hex(randomblob(16))), CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 1000000);
