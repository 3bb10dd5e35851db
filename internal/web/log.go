package web

import (
	"encoding/base64"
	"net/http"
	"strconv"

	"github.com/errata/errata/internal/model"
	sumtlog "golang.org/x/mod/sumdb/tlog"
)

// apiCheckpoint is a signed tree head as the API returns it.
type apiCheckpoint struct {
	Size int64  `json:"tree_size"`
	Root string `json:"root_hash"` // base64
	Note string `json:"checkpoint"`
}

// apiProof proves one version's leaf is in the tree a checkpoint signs.
type apiProof struct {
	Leaf       int64         `json:"leaf_index"`
	LeafHash   string        `json:"leaf_hash"` // base64
	TreeSize   int64         `json:"tree_size"`
	Proof      []string      `json:"inclusion_proof"`
	Checkpoint apiCheckpoint `json:"checkpoint"`
}

type apiConsistency struct {
	Old   int64    `json:"old"`
	New   int64    `json:"new"`
	Proof []string `json:"consistency_proof"`
}

func b64(h sumtlog.Hash) string { return base64.StdEncoding.EncodeToString(h[:]) }

func b64s(hs []sumtlog.Hash) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = b64(h)
	}
	return out
}

func errNoLog() error {
	return &httpError{status: http.StatusNotFound, msg: "this errata has no log signing key"}
}

func (s *Server) checkpoint(r *http.Request) (apiCheckpoint, error) {
	return s.checkpointAt(r, -1)
}

// checkpointAt signs the tree of the first size leaves, or the whole log
// when size is negative.
func (s *Server) checkpointAt(r *http.Request, size int64) (apiCheckpoint, error) {
	if s.cfg.Log == nil {
		return apiCheckpoint{}, errNoLog()
	}
	ctx := r.Context()
	logSize, err := s.cfg.Store.LogSize(ctx)
	if err != nil {
		return apiCheckpoint{}, err
	}
	if size < 0 {
		size = logSize
	}
	if size > logSize {
		return apiCheckpoint{}, badRequest("the log holds %d leaves", logSize)
	}
	note, c, err := s.cfg.Store.CheckpointAt(ctx, s.cfg.Log, size)
	if err != nil {
		return apiCheckpoint{}, err
	}
	return apiCheckpoint{Size: c.Size, Root: b64(c.Root), Note: string(note)}, nil
}

// handleCheckpoint serves the signed checkpoint of the log as it stands,
// in the note format (origin, tree size, root hash, signature).
func (s *Server) handleCheckpoint(w http.ResponseWriter, r *http.Request) {
	c, err := s.checkpoint(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write([]byte(c.Note))
}

func (s *Server) apiCheckpoint(w http.ResponseWriter, r *http.Request) {
	c, err := s.checkpoint(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, c)
}

// versionProof proves version v's leaf against the checkpoint of the
// whole log, or of its first ?size= leaves.
func (s *Server) versionProof(r *http.Request, v model.Version) (apiProof, error) {
	size := int64(-1)
	if q := r.URL.Query().Get("size"); q != "" {
		n, err := strconv.ParseInt(q, 10, 64)
		if err != nil || n < 1 {
			return apiProof{}, badRequest("size: want a tree size, like ?size=10")
		}
		size = n
	}
	c, err := s.checkpointAt(r, size)
	if err != nil {
		return apiProof{}, err
	}
	ctx := r.Context()
	leaf, err := s.cfg.Store.VersionLeaf(ctx, v.ID)
	if err != nil {
		return apiProof{}, notFoundIf(err, "log leaf of this version")
	}
	if leaf >= c.Size {
		return apiProof{}, badRequest("leaf %d is not in a tree of %d leaves", leaf, c.Size)
	}
	h, err := s.cfg.Store.LogLeafHash(ctx, leaf)
	if err != nil {
		return apiProof{}, err
	}
	proof, err := s.cfg.Store.LogInclusion(ctx, leaf, c.Size)
	if err != nil {
		return apiProof{}, err
	}
	return apiProof{Leaf: leaf, LeafHash: b64(h), TreeSize: c.Size, Proof: b64s(proof), Checkpoint: c}, nil
}

func (s *Server) apiVersionProof(w http.ResponseWriter, r *http.Request) {
	v, err := s.pathVersion(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	p, err := s.versionProof(r, v)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, p)
}

// apiConsistencyProof proves the tree of old leaves is a prefix of the
// tree of new leaves (new defaults to the log's size).
func (s *Server) apiConsistencyProof(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	size, err := s.cfg.Store.LogSize(ctx)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	q := r.URL.Query()
	old, errOld := strconv.ParseInt(q.Get("old"), 10, 64)
	newSize, errNew := size, error(nil)
	if q.Get("new") != "" {
		newSize, errNew = strconv.ParseInt(q.Get("new"), 10, 64)
	}
	if errOld != nil || errNew != nil || old < 1 || old > newSize || newSize > size {
		s.apiFail(w, r, badRequest("want 1 <= old <= new <= %d, like ?old=1&new=%d", size, size))
		return
	}
	proof, err := s.cfg.Store.LogConsistency(ctx, old, newSize)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, apiConsistency{Old: old, New: newSize, Proof: b64s(proof)})
}

// handleTile serves a hash tile of the log's Merkle tree in the layout of
// golang.org/x/mod/sumdb/tlog (/log/tile/H/L/NNN, a partial tile as
// .p/W), so an auditor can fetch the tree with tlog.TileHashReader and
// check every checkpoint and proof without trusting errata's answers. A
// full tile never changes and is cached for good; a partial one grows.
func (s *Server) handleTile(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Log == nil {
		s.fail(w, r, errNoLog())
		return
	}
	t, err := sumtlog.ParseTilePath("tile/" + r.PathValue("path"))
	if err != nil || t.L < 0 {
		s.fail(w, r, &httpError{status: http.StatusNotFound, msg: "no such tile: want /log/tile/H/L/NNN[.p/W] (hash tiles only)"})
		return
	}
	data, err := s.cfg.Store.LogTile(r.Context(), t)
	if err != nil {
		s.fail(w, r, notFoundIf(err, "tile "+t.Path()))
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	if t.W == 1<<t.H {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	_, _ = w.Write(data)
}
