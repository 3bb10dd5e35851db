package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/errata/errata/internal/archive"
)

const (
	// dictCacheSize bounds the dictionaries held in memory: about 2 MB
	// each once read with (the dictionary and its decoder; encoders are
	// pooled and freed between packs). A miss costs one indexed read.
	dictCacheSize = 32
	// dictSamples is how many of an outlet's newest captures a dictionary
	// is trained on; archive.TrainDict bounds their bytes too.
	dictSamples = 32
	// dictRetrainAfter is how many captures newer than an outlet's
	// dictionary earn it a new one: sites change their templates, and a
	// stale dictionary packs a redesigned page little better than none.
	dictRetrainAfter = 2048
)

const (
	sqlOutletDict    = `SELECT id, last_version FROM capture_dicts WHERE outlet_id = ? ORDER BY id DESC LIMIT 1`
	sqlDictBytes     = `SELECT dict FROM capture_dicts WHERE id = ?`
	sqlNextDictID    = `SELECT coalesce(max(id), 0) + 1 FROM capture_dicts`
	sqlDictOutletIDs = `SELECT id FROM outlets ORDER BY id`
	sqlInsertDict    = `INSERT INTO capture_dicts (id, outlet_id, created_at, samples, last_version, dict)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	// Newest first, through the outlet's articles: captures carry no
	// outlet, their versions' articles do.
	sqlDictSamples = `SELECT v.id, c.hash, c.body, c.base FROM articles a
		JOIN versions v ON v.article_id = a.id
		JOIN captures c ON c.hash = v.capture_hash
		WHERE a.outlet_id = ? AND v.id > ? AND c.size > 0
		ORDER BY v.id DESC LIMIT ?`
	sqlCountNewCaptures = `SELECT count(*) FROM (SELECT 1 FROM articles a
		JOIN versions v ON v.article_id = a.id
		WHERE a.outlet_id = ? AND v.id > ? LIMIT ?) n`
)

// dictCache holds parsed dictionaries by ID. Dictionaries are append-only,
// so an entry never goes stale; the cache only bounds memory.
type dictCache struct {
	mu sync.Mutex
	m  map[uint32]*archive.Dict
}

func (c *dictCache) get(id uint32) *archive.Dict {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[id]
}

func (c *dictCache) put(d *archive.Dict) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[uint32]*archive.Dict)
	}
	if len(c.m) >= dictCacheSize {
		for id := range c.m { // any one: a miss costs little
			delete(c.m, id)
			break
		}
	}
	c.m[d.ID()] = d
}

// storeDicts finds dictionaries for archive.Unpack within one request.
type storeDicts struct {
	ctx context.Context
	s   *Store
}

func (d storeDicts) Dict(id uint32) (*archive.Dict, error) { return d.s.dict(d.ctx, id) }

// Dicts returns the store's capture dictionaries, for archive.Unpack to
// read blobs packed with one.
func (s *Store) Dicts(ctx context.Context) archive.Dicts { return storeDicts{ctx: ctx, s: s} }

func (s *Store) dict(ctx context.Context, id uint32) (*archive.Dict, error) {
	if d := s.dicts.get(id); d != nil {
		return d, nil
	}
	var raw []byte
	if err := s.queryRow(ctx, sqlDictBytes, int64(id)).Scan(&raw); err != nil {
		return nil, s.wrap(fmt.Sprintf("capture dictionary %d", id), noRows(err))
	}
	d, err := archive.ParseDict(raw)
	if err != nil {
		return nil, s.wrap(fmt.Sprintf("capture dictionary %d", id), err)
	}
	if d.ID() != id {
		return nil, fmt.Errorf("store: capture dictionary %d: it says it is %d", id, d.ID())
	}
	s.dicts.put(d)
	return d, nil
}

// PackCapture packs a body fetched from one of outlet's pages: with the
// outlet's newest dictionary when it has one, plainly otherwise. A
// dictionary that cannot be read is no reason to lose a version: the body
// is then packed plainly, and verify reports the dictionary's captures.
func (s *Store) PackCapture(ctx context.Context, outletID int64, body []byte) (hash string, blob []byte, err error) {
	var id, last int64
	err = s.queryRow(ctx, sqlOutletDict, outletID).Scan(&id, &last)
	if err != nil && ctx.Err() != nil {
		return "", nil, s.wrap("pack capture", err)
	}
	if err != nil {
		return archive.Pack(body)
	}
	d, err := s.dict(ctx, uint32(id))
	if err != nil {
		return archive.Pack(body)
	}
	return d.Pack(body)
}

// TrainCaptureDicts trains a dictionary for up to limit outlets that
// have enough captures their newest dictionary (if any) has not seen, and
// reports how many it added. It reads and trains outside any write
// transaction, so checks keep recording meanwhile; training takes a
// few seconds per outlet, which limit bounds.
func (s *Store) TrainCaptureDicts(ctx context.Context, now time.Time, limit int) (int, error) {
	rows, err := s.query(ctx, sqlDictOutletIDs)
	if err != nil {
		return 0, s.wrap("train capture dictionaries", err)
	}
	ids, err := collect(rows, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
	if err != nil {
		return 0, s.wrap("train capture dictionaries", err)
	}
	added := 0
	for _, outlet := range ids {
		if added >= limit {
			break
		}
		ok, err := s.TrainCaptureDict(ctx, outlet, now)
		if err != nil {
			return added, err
		}
		if ok {
			added++
		}
	}
	return added, nil
}

// TrainCaptureDict trains a new dictionary for outlet from its newest
// captures when it has none and at least archive.MinDictSamples captures,
// or dictRetrainAfter captures newer than its dictionary. It reports
// whether it added one.
func (s *Store) TrainCaptureDict(ctx context.Context, outletID int64, now time.Time) (bool, error) {
	op := fmt.Sprintf("train capture dictionary of outlet %d", outletID)
	var prev, since int64
	err := s.queryRow(ctx, sqlOutletDict, outletID).Scan(&prev, &since)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, s.wrap(op, err)
	}
	need := int64(archive.MinDictSamples)
	if prev != 0 {
		need = dictRetrainAfter
	}
	var n int64
	if err := s.queryRow(ctx, sqlCountNewCaptures, outletID, since, need).Scan(&n); err != nil {
		return false, s.wrap(op, err)
	}
	if n < need {
		return false, nil
	}
	samples, last, err := s.dictSamples(ctx, outletID, since)
	if err != nil {
		return false, s.wrap(op, err)
	}
	if len(samples) < archive.MinDictSamples {
		return false, nil
	}
	var id int64
	if err := s.queryRow(ctx, sqlNextDictID).Scan(&id); err != nil {
		return false, s.wrap(op, err)
	}
	d, err := archive.TrainDict(uint32(id), samples)
	if err != nil {
		return false, s.wrap(op, err)
	}
	var added int64
	err = s.write(ctx, op, func(tx *wtx) error {
		res, err := tx.ExecContext(ctx, sqlInsertDict, id, outletID, nanos(now), len(samples), last, d.Bytes())
		if err != nil {
			return err
		}
		added, err = res.RowsAffected()
		return err
	})
	// Another process took the ID meanwhile; a later round trains again.
	return added > 0, err
}

// dictSamples returns the bodies of outlet's newest captures after
// version since, and the newest version they came from. A body that does
// not unpack is left out: training is no place to report damage (verify
// is).
func (s *Store) dictSamples(ctx context.Context, outletID, since int64) ([][]byte, int64, error) {
	rows, err := s.query(ctx, sqlDictSamples, outletID, since, dictSamples)
	if err != nil {
		return nil, 0, err
	}
	type row struct {
		hash, base string
		blob       []byte
	}
	var last int64
	stored, err := collect(rows, func(r scanner) (row, error) {
		var id int64
		var c row
		err := r.Scan(&id, &c.hash, &c.blob, &c.base)
		last = max(last, id)
		return c, err
	})
	if err != nil {
		return nil, 0, err
	}
	// Unpacked once the rows are closed: a dictionary lookup reads too.
	var samples [][]byte
	dicts := s.Dicts(ctx)
	for _, c := range stored {
		body, err := archive.Unpack(c.hash, c.blob, dicts)
		if c.base != "" {
			body, err = s.captureContent(ctx, c.hash)
		}
		if err == nil {
			samples = append(samples, body)
		}
	}
	return samples, last, nil
}
