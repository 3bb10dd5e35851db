-- 0005_queue_workers: the job queue's worker processes on this database
-- and how long each is known to be alive (see workers.go). A worker
-- renews its row every few seconds; one whose row ran out has stopped, and
-- the jobs River still shows running under its client id are left over.
-- Times are Unix nanoseconds.
CREATE TABLE queue_workers (
    id          TEXT PRIMARY KEY,
    started_at  INTEGER NOT NULL,
    alive_until INTEGER NOT NULL
);
