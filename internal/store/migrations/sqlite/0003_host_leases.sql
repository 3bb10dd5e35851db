-- 0003_host_leases: the per-host politeness gate shared by every process
-- on this database (see hostlease.go). Times are Unix nanoseconds.
-- next_at: earliest start of the host's next request; lease_until: the
-- current holder's request must be over by then (0 = free); holder: the
-- random token of the process holding it, so only it can release.
CREATE TABLE host_leases (
    host        TEXT PRIMARY KEY,
    next_at     INTEGER NOT NULL DEFAULT 0,
    lease_until INTEGER NOT NULL DEFAULT 0,
    holder      INTEGER NOT NULL DEFAULT 0
);
