// Package queue runs errata's background work on River
// (github.com/riverqueue/river): a periodic scheduler pass enqueues one job
// per due check, confirmation and poll, unique while pending; workers run
// them; and the leases by which workers sharing a database reclaim the
// jobs of one that stopped live here too.
//
// It is an adapter: what a job does belongs to jobs.Engine (CheckDue,
// PollDue), which wires the stages; queue only decides when and where it
// runs. River keeps its tables in the store's database, on connections of
// its own, through River's SQLite or PostgreSQL driver.
package queue
