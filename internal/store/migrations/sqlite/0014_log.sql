-- 0014_log: the tamper-evident log of versions and captures (see
-- internal/tlog). log_hashes holds the Merkle tree's stored hashes
-- (golang.org/x/mod/sumdb/tlog's StoredHashIndex numbering), log_leaves
-- says which row each leaf records (or which rows a purge deleted),
-- with the article URL a version was
-- recorded under (the article's URL may move later), and log_checkpoints
-- keeps each signed tree head once served. All three are append-only.
-- Rows recorded before this migration are appended by the store right
-- after it runs, in its transaction: captures in fetch order, then
-- versions in id order.
CREATE TABLE log_hashes (
    idx  INTEGER PRIMARY KEY,
    hash BLOB NOT NULL
);

CREATE TABLE log_leaves (
    leaf         INTEGER PRIMARY KEY,
    version_id   INTEGER NOT NULL DEFAULT 0,
    capture_hash TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL DEFAULT '',
    -- 1 for a version imported from elsewhere (an archive) or appended
    -- by this migration, which may come in any order; versions recorded
    -- by checks follow their article's order.
    imported     INTEGER NOT NULL DEFAULT 0,
    -- A purge's leaf data (tlog.PurgeLeaf): the rows a purge deleted,
    -- which verify then expects to be gone.
    purge        TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX log_leaves_version ON log_leaves(version_id) WHERE version_id <> 0;
CREATE UNIQUE INDEX log_leaves_capture ON log_leaves(capture_hash) WHERE capture_hash <> '';

CREATE TABLE log_checkpoints (
    size INTEGER PRIMARY KEY,
    note TEXT NOT NULL
);

CREATE TRIGGER log_hashes_no_update BEFORE UPDATE ON log_hashes
BEGIN
    SELECT RAISE(ABORT, 'log_hashes are append-only');
END;
CREATE TRIGGER log_hashes_no_delete BEFORE DELETE ON log_hashes
BEGIN
    SELECT RAISE(ABORT, 'log_hashes are append-only');
END;
CREATE TRIGGER log_leaves_no_update BEFORE UPDATE ON log_leaves
BEGIN
    SELECT RAISE(ABORT, 'log_leaves are append-only');
END;
CREATE TRIGGER log_leaves_no_delete BEFORE DELETE ON log_leaves
BEGIN
    SELECT RAISE(ABORT, 'log_leaves are append-only');
END;
CREATE TRIGGER log_checkpoints_no_update BEFORE UPDATE ON log_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'log_checkpoints are append-only');
END;
CREATE TRIGGER log_checkpoints_no_delete BEFORE DELETE ON log_checkpoints
BEGIN
    SELECT RAISE(ABORT, 'log_checkpoints are append-only');
END;
