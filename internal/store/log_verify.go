package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/tlog"
	sumtlog "golang.org/x/mod/sumdb/tlog"
)

// verifyPage is how many leaves VerifyLog reads per query.
const verifyPage = 2000

// Finding is one thing VerifyLog found wrong, naming the row.
type Finding struct {
	Table string // versions, captures, log_leaves, log_hashes, log_checkpoints
	Row   string // the row's id, hash, leaf, index or size
	What  string
}

func (f Finding) String() string { return f.Table + " " + f.Row + ": " + f.What }

// LogReport is what VerifyLog checked.
type LogReport struct {
	Leaves     int64
	Purged     int   // rows gone that a logged purge deleted
	Checkpoint int64 // size of the newest kept checkpoint checked, 0 if none
	Root       sumtlog.Hash
	Findings   []Finding
}

const (
	sqlVerifyLeaves = `SELECT l.leaf, l.version_id, l.capture_hash, l.url, l.imported, l.purge,
		v.id, v.article_id, v.seq, v.fetched_at, v.title, v.byline, v.text, v.text_base, v.text_delta,
		v.capture_hash, v.classes, v.modified,
		c.hash, c.url, c.status, c.fetched_at, c.size
		FROM log_leaves l
		LEFT JOIN versions v ON l.version_id <> 0 AND v.id = l.version_id
		LEFT JOIN captures c ON l.capture_hash <> '' AND c.hash = l.capture_hash
		WHERE l.leaf >= ? ORDER BY l.leaf LIMIT ?`
	sqlAllLogHashes = `SELECT idx, hash FROM log_hashes ORDER BY idx`
	// The "<> 0" and "<> ''" terms let the partial indexes on log_leaves
	// serve each lookup.
	sqlVersionsNotLogged = `SELECT v.id, v.article_id, v.seq, v.fetched_at FROM versions v
		WHERE NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.version_id = v.id AND l.version_id <> 0) ORDER BY v.id`
	sqlCapturesNotLogged = `SELECT c.hash, c.fetched_at FROM captures c
		WHERE NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.capture_hash = c.hash AND l.capture_hash <> '')
		ORDER BY c.hash`
	sqlCaptureBlob = `SELECT body FROM captures WHERE hash = ?`
	sqlLogPurges   = `SELECT leaf, purge FROM log_leaves WHERE purge <> '' ORDER BY leaf`
)

// memHashes is a tree held in memory, for rebuilding the log from its
// leaves without trusting the stored hashes.
type memHashes []sumtlog.Hash

func (m memHashes) ReadHashes(indexes []int64) ([]sumtlog.Hash, error) {
	out := make([]sumtlog.Hash, len(indexes))
	for i, idx := range indexes {
		if idx < 0 || idx >= int64(len(m)) {
			return nil, fmt.Errorf("log: hash %d not built", idx)
		}
		out[i] = m[idx]
	}
	return out, nil
}

// VerifyLog recomputes every leaf from the rows it records (capture bodies
// re-hashed against their address), rebuilds the tree from them and
// compares it with the stored hashes and with the newest kept checkpoint,
// whose signature is checked with vkey. It reports each row that changed,
// is gone, is not in the log, or is logged out of its article's order.
// An error means the check could not run; findings mean it ran and the
// store does not match its log.
func (s *Store) VerifyLog(ctx context.Context, vkey string) (LogReport, error) {
	var rep LogReport
	stored, err := s.storedHashes(ctx)
	if err != nil {
		return rep, s.wrap("verify log", err)
	}
	v := verifier{s: s, stored: stored, order: map[int64]orderMark{},
		purgedVersions: map[int64]int64{}, purgedCaptures: map[string]int64{}}
	if err := v.purges(ctx); err != nil {
		return rep, s.wrap("verify log", err)
	}
	if err := v.leaves(ctx); err != nil {
		return rep, s.wrap("verify log", err)
	}
	v.compareStored()
	if err := v.unlogged(ctx); err != nil {
		return rep, s.wrap("verify log", err)
	}
	rep.Leaves, rep.Purged = v.n, v.purged
	if rep.Root, err = sumtlog.TreeHash(v.n, v.rebuilt); err != nil {
		return rep, s.wrap("verify log", err)
	}
	if rep.Checkpoint, err = v.checkpoint(ctx, vkey); err != nil {
		return rep, s.wrap("verify log", err)
	}
	rep.Findings = v.findings
	return rep, nil
}

type orderMark struct {
	seq     int
	fetched int64
	id      int64
}

type verifier struct {
	s        *Store
	stored   storedTree
	rebuilt  memHashes
	n        int64
	order    map[int64]orderMark // per article, the last version logged
	findings []Finding
	// purgedVersions and purgedCaptures map the rows logged purges deleted
	// to the purge's leaf.
	purgedVersions map[int64]int64
	purgedCaptures map[string]int64
	purged         int
}

// purges reads the logged purges first, so the rows they deleted, which
// the log records earlier, are known to be gone on purpose. A purge
// record that no longer matches its leaf explains nothing.
func (v *verifier) purges(ctx context.Context) error {
	rows, err := v.s.query(ctx, sqlLogPurges)
	if err != nil {
		return err
	}
	type purgeRow struct {
		leaf int64
		data string
	}
	ps, err := collect(rows, func(sc scanner) (purgeRow, error) {
		var p purgeRow
		return p, sc.Scan(&p.leaf, &p.data)
	})
	if err != nil {
		return err
	}
	for _, p := range ps {
		stored, ok := v.stored.get(sumtlog.StoredHashIndex(0, p.leaf))
		if !ok || stored != tlog.LeafHash([]byte(p.data)) {
			continue // reported as changed when the walk reaches it
		}
		pl, err := tlog.ParsePurgeLeaf([]byte(p.data))
		if err != nil {
			continue
		}
		for _, id := range pl.Versions {
			v.purgedVersions[id] = p.leaf
		}
		for _, h := range pl.Captures {
			v.purgedCaptures[h] = p.leaf
		}
	}
	return nil
}

func (v *verifier) find(table, row, format string, args ...any) {
	v.findings = append(v.findings, Finding{Table: table, Row: row, What: fmt.Sprintf(format, args...)})
}

// storedTree is the log_hashes table in memory, by index; a slice, not a
// map, as the indexes are dense and a million leaves store two million.
type storedTree struct {
	hashes  []sumtlog.Hash
	present []bool
	count   int64
}

func (t storedTree) get(idx int64) (sumtlog.Hash, bool) {
	if idx < 0 || idx >= int64(len(t.hashes)) || !t.present[idx] {
		return sumtlog.Hash{}, false
	}
	return t.hashes[idx], true
}

// storedHashes reads the stored hashes a tree of the log's size has;
// rows beyond them (which no append writes) are only counted, so a
// planted index cannot make verify allocate without bound.
func (s *Store) storedHashes(ctx context.Context) (storedTree, error) {
	var t storedTree
	size, err := s.LogSize(ctx)
	if err != nil {
		return t, err
	}
	limit := sumtlog.StoredHashCount(size)
	t.hashes, t.present = make([]sumtlog.Hash, limit), make([]bool, limit)
	rows, err := s.query(ctx, sqlAllLogHashes)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var idx int64
		var b []byte
		if err := rows.Scan(&idx, &b); err != nil {
			return t, err
		}
		t.count++
		if idx < 0 || idx >= limit || len(b) != sumtlog.HashSize {
			continue
		}
		t.hashes[idx], t.present[idx] = sumtlog.Hash(b), true
	}
	return t, rows.Err()
}

// leaves walks the log in order, appending each recomputed leaf hash to
// the rebuilt tree.
func (v *verifier) leaves(ctx context.Context) error {
	for {
		page, err := v.s.leafPage(ctx, v.n)
		if err != nil || len(page) == 0 {
			return err
		}
		for _, r := range page {
			if r.leaf != v.n {
				v.find("log_leaves", fmt.Sprint(v.n), "missing: the next leaf kept is %d", r.leaf)
				return nil
			}
			h, err := v.leafHash(ctx, r)
			if err != nil {
				return err
			}
			hashes, err := sumtlog.StoredHashesForRecordHash(v.n, h, v.rebuilt)
			if err != nil {
				return err
			}
			v.rebuilt = append(v.rebuilt, hashes...)
			v.n++
		}
	}
}

// leafHash recomputes leaf r from its row; a leaf whose row is gone keeps
// its stored hash so the rest of the tree still rebuilds.
func (v *verifier) leafHash(ctx context.Context, r leafRow) (sumtlog.Hash, error) {
	stored, ok := v.stored.get(sumtlog.StoredHashIndex(0, r.leaf))
	if !ok {
		v.find("log_hashes", fmt.Sprint(sumtlog.StoredHashIndex(0, r.leaf)), "missing: the hash of leaf %d", r.leaf)
	}
	table, row, data, err := v.leafData(ctx, r)
	if err != nil || data == nil {
		return stored, err
	}
	h := tlog.LeafHash(data)
	if ok && h != stored {
		v.find(table, row, "changed: the row no longer matches log leaf %d", r.leaf)
	}
	return h, nil
}

func (v *verifier) leafData(ctx context.Context, r leafRow) (table, row string, data []byte, err error) {
	if r.purge != "" {
		return "log_leaves", fmt.Sprint(r.leaf), []byte(r.purge), nil
	}
	if r.versionID != 0 {
		row = fmt.Sprint(r.versionID)
		if r.version == nil {
			if at, ok := v.purgedVersions[r.versionID]; ok && at > r.leaf {
				v.purged++
			} else {
				v.find("versions", row, "removed: log leaf %d records it, the row is gone", r.leaf)
			}
			return "versions", row, nil, nil
		}
		if !r.imported {
			v.checkOrder(r)
		}
		ver := r.version.Version
		if ver.Text, err = r.version.stored.whole(ctx, v.s.queryRow, nil); errors.Is(err, ErrCorrupt) {
			v.find("versions", row, "changed: its text no longer unpacks (leaf %d): %v", r.leaf, err)
			return "versions", row, nil, nil
		} else if err != nil {
			return "versions", row, nil, err
		}
		return "versions", row, versionLeaf(ver, r.url).Encode(), nil
	}
	row = r.captureHash
	// A capture purged after this leaf may have been kept again since,
	// under a leaf of its own: this leaf was the purged row's.
	if at, ok := v.purgedCaptures[r.captureHash]; ok && at > r.leaf {
		v.purged++
		return "captures", row, nil, nil
	}
	if r.capture == nil {
		v.find("captures", row, "removed: log leaf %d records it, the row is gone", r.leaf)
		return "captures", row, nil, nil
	}
	if err := v.checkBody(ctx, r); err != nil {
		return "captures", row, nil, err
	}
	return "captures", row, captureLeaf(*r.capture).Encode(), nil
}

// checkOrder reports a version logged after a later one of its article:
// recording appends an article's versions in seq order, and their fetch
// times never go backwards. Imported versions may come in any order and
// are not checked.
func (v *verifier) checkOrder(r leafRow) {
	ver := r.version
	fetched := nanos(ver.FetchedAt)
	prev, seen := v.order[ver.ArticleID]
	if seen && (ver.Seq <= prev.seq || fetched < prev.fetched) {
		v.find("versions", fmt.Sprint(ver.ID), "out of order: seq %d fetched %s is logged (leaf %d) after version %d, seq %d fetched %s",
			ver.Seq, ver.FetchedAt.Format(timeLayout), r.leaf, prev.id, prev.seq, fromNanos(prev.fetched).Format(timeLayout))
	}
	if !seen || ver.Seq > prev.seq {
		v.order[ver.ArticleID] = orderMark{seq: ver.Seq, fetched: fetched, id: ver.ID}
	}
}

const timeLayout = "2006-01-02T15:04:05Z07:00"

// checkBody re-hashes a capture's kept body against its address. A capture
// kept without a body (size 0, no blob) or under an address that is not a
// SHA-256 has nothing to re-hash.
func (v *verifier) checkBody(ctx context.Context, r leafRow) error {
	c := r.capture
	if !archive.ValidHash(c.Hash) {
		return nil
	}
	var blob []byte
	if err := v.s.queryRow(ctx, sqlCaptureBlob, c.Hash).Scan(&blob); err != nil {
		return err
	}
	if len(blob) == 0 && c.Size == 0 {
		return nil
	}
	body, err := v.s.captureContent(ctx, c.Hash)
	switch {
	case errors.Is(err, archive.ErrCorrupt):
		v.find("captures", c.Hash, "changed: the body no longer hashes to its address (leaf %d)", r.leaf)
	case errors.Is(err, archive.ErrNoDict) && ctx.Err() == nil:
		v.find("captures", c.Hash, "unreadable: %v (leaf %d)", err, r.leaf)
	case err != nil:
		return err
	case int64(len(body)) != c.Size:
		v.find("captures", c.Hash, "changed: the body holds %d bytes, the row says %d (leaf %d)", len(body), c.Size, r.leaf)
	}
	return nil
}

// compareStored reports stored tree hashes that differ from the tree
// rebuilt from the leaves, beyond the leaf hashes already reported.
func (v *verifier) compareStored() {
	isLeaf := make([]bool, len(v.rebuilt))
	for n := range v.n {
		isLeaf[sumtlog.StoredHashIndex(0, n)] = true
	}
	for idx, h := range v.rebuilt {
		if got, ok := v.stored.get(int64(idx)); ok && got != h && !isLeaf[idx] {
			v.find("log_hashes", fmt.Sprint(idx), "changed: differs from the tree rebuilt from the leaves")
		}
	}
	if extra := v.stored.count - int64(len(v.rebuilt)); extra > 0 {
		v.find("log_hashes", fmt.Sprint(len(v.rebuilt)), "%d stored hashes beyond the %d leaves", extra, v.n)
	}
}
