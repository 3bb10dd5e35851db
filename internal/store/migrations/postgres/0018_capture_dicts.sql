-- 0018_capture_dicts: zstd dictionaries captures are compressed with, one
-- series per outlet. A dictionary's id is the dictionary ID written in each
-- blob packed with it, which is how a blob names the dictionary it needs.
-- Blobs are kept for good, so their dictionaries are too: append-only, and
-- kept after their outlet is merged away. last_version is the newest
-- version whose capture was sampled, so the next training knows what is new.
CREATE TABLE capture_dicts (
    id           BIGINT PRIMARY KEY,
    outlet_id    BIGINT NOT NULL,
    created_at   BIGINT NOT NULL,
    samples      INTEGER NOT NULL,
    last_version BIGINT NOT NULL,
    dict         BYTEA NOT NULL
);

CREATE INDEX capture_dicts_outlet ON capture_dicts(outlet_id, id);

CREATE TRIGGER capture_dicts_no_update BEFORE UPDATE OR DELETE ON capture_dicts
    FOR EACH ROW EXECUTE FUNCTION errata_append_only();
CREATE TRIGGER capture_dicts_no_truncate BEFORE TRUNCATE ON capture_dicts
    FOR EACH STATEMENT EXECUTE FUNCTION errata_append_only();
