package web

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/errata/errata/internal/tlog"
	sumtlog "golang.org/x/mod/sumdb/tlog"
)

func logFixture(t *testing.T) (*fixture, string) {
	t.Helper()
	skey, vkey, err := tlog.GenerateKey("errata.test")
	if err != nil {
		t.Fatal(err)
	}
	signer, err := tlog.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	return newFixture(t, Config{Log: signer}), vkey
}

func unb64(t *testing.T, s string) sumtlog.Hash {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != sumtlog.HashSize {
		t.Fatalf("hash %q: %v", s, err)
	}
	var h sumtlog.Hash
	copy(h[:], b)
	return h
}

func unb64s(t *testing.T, ss []string) []sumtlog.Hash {
	out := make([]sumtlog.Hash, len(ss))
	for i, s := range ss {
		out[i] = unb64(t, s)
	}
	return out
}

func TestLogCheckpoint_SignedNoteOfTheWholeLog(t *testing.T) {
	f, vkey := logFixture(t)
	resp, body := f.get(t, "/log/checkpoint")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	c, err := tlog.Open([]byte(body), vkey)
	if err != nil || c.Size != 5 {
		t.Fatalf("checkpoint %+v, %v; want 5 leaves (the seeded versions)", c, err)
	}
	_, js := f.get(t, "/api/v1/log/checkpoint")
	var api apiCheckpoint
	if err := json.Unmarshal([]byte(js), &api); err != nil || api.Note != body || api.Size != 5 {
		t.Fatalf("API checkpoint %+v, %v", api, err)
	}
}

func TestVersionProof_ChecksAgainstTheCheckpoint(t *testing.T) {
	f, vkey := logFixture(t)
	resp, js := f.get(t, fmt.Sprintf("/api/v1/articles/%d/versions/1/proof", f.mayor.ID))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, js)
	}
	var p apiProof
	if err := json.Unmarshal([]byte(js), &p); err != nil {
		t.Fatal(err)
	}
	c, err := tlog.Open([]byte(p.Checkpoint.Note), vkey)
	if err != nil || c.Size != p.TreeSize {
		t.Fatalf("checkpoint %+v, %v; want size %d", c, err, p.TreeSize)
	}
	if err := sumtlog.CheckRecord(unb64s(t, p.Proof), c.Size, c.Root, p.Leaf, unb64(t, p.LeafHash)); err != nil {
		t.Fatalf("proof does not check: %v", err)
	}
	// Against an older, smaller tree too.
	_, js = f.get(t, fmt.Sprintf("/api/v1/articles/%d/versions/1/proof?size=2", f.mayor.ID))
	if err := json.Unmarshal([]byte(js), &p); err != nil || p.TreeSize != 2 {
		t.Fatalf("proof at size 2: %+v, %v", p, err)
	}
	c, _ = tlog.Open([]byte(p.Checkpoint.Note), vkey)
	if err := sumtlog.CheckRecord(unb64s(t, p.Proof), 2, c.Root, p.Leaf, unb64(t, p.LeafHash)); err != nil {
		t.Fatalf("proof at size 2 does not check: %v", err)
	}
}

func TestLogConsistency_ProvesAnOldCheckpointIsAPrefix(t *testing.T) {
	f, vkey := logFixture(t)
	_, old := f.get(t, "/log/checkpoint")
	seedArticle(t, f.store, "Daily Planet", "https://planet.example/later", mayorDrafts)
	_, cur := f.get(t, "/log/checkpoint")
	c1, err1 := tlog.Open([]byte(old), vkey)
	c2, err2 := tlog.Open([]byte(cur), vkey)
	if err1 != nil || err2 != nil || c2.Size != c1.Size+3 {
		t.Fatalf("checkpoints %+v %+v, %v %v", c1, c2, err1, err2)
	}
	_, js := f.get(t, fmt.Sprintf("/api/v1/log/consistency?old=%d&new=%d", c1.Size, c2.Size))
	var p apiConsistency
	if err := json.Unmarshal([]byte(js), &p); err != nil {
		t.Fatal(err)
	}
	if err := sumtlog.CheckTree(unb64s(t, p.Proof), c2.Size, c2.Root, c1.Size, c1.Root); err != nil {
		t.Fatalf("consistency proof does not check: %v", err)
	}
	if resp, _ := f.get(t, "/api/v1/log/consistency?old=9&new=2"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("old > new: status %d, want 400", resp.StatusCode)
	}
}

func TestVersionPage_ShowsItsLeafAndProof(t *testing.T) {
	f, _ := logFixture(t)
	_, body := f.get(t, fmt.Sprintf("/articles/%d/v/1", f.mayor.ID))
	mustContain(t, "version page", body, "leaf 1 of the tamper-evident log", "a tree of 5 leaves",
		fmt.Sprintf(`href="/api/v1/articles/%d/versions/1/proof?size=5"`, f.mayor.ID), `href="/log/checkpoint"`,
		"log leaf 1 of 5")
}

func TestLog_NoSigningKeyNoRoutes(t *testing.T) {
	f := newFixture(t, Config{})
	if resp, _ := f.get(t, "/log/checkpoint"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/log/checkpoint without a key: status %d, want 404", resp.StatusCode)
	}
	_, body := f.get(t, fmt.Sprintf("/articles/%d/v/1", f.mayor.ID))
	if strings.Contains(body, "tamper-evident log") {
		t.Error("a server without a key shows a log place")
	}
}

// tileFetcher reads the log's tiles from errata's pages, as an auditor's
// tlog.TileReader would over HTTP.
type tileFetcher struct {
	t *testing.T
	f *fixture
	h int
}

func (r tileFetcher) Height() int { return r.h }

func (r tileFetcher) ReadTiles(tiles []sumtlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, tile := range tiles {
		resp, body := r.f.get(r.t, "/log/"+tile.Path())
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("%s: status %d: %s", tile.Path(), resp.StatusCode, body)
		}
		out[i] = []byte(body)
	}
	return out, nil
}

func (tileFetcher) SaveTiles([]sumtlog.Tile, [][]byte) {}

// TestLogTiles_RebuildTheSignedTree: from the tiles alone, checked
// against the signed checkpoint by tlog's own reader, an auditor gets the
// root and proves a version's leaf; a tile past the tree is 404.
func TestLogTiles_RebuildTheSignedTree(t *testing.T) {
	f, vkey := logFixture(t)
	for i := range 3 {
		seedArticle(t, f.store, "Daily Planet", fmt.Sprintf("https://planet.example/tiles-%d", i), mayorDrafts)
	}
	_, note := f.get(t, "/log/checkpoint")
	c, err := tlog.Open([]byte(note), vkey)
	if err != nil || c.Size < 9 {
		t.Fatalf("checkpoint %+v, %v", c, err)
	}
	hr := sumtlog.TileHashReader(sumtlog.Tree{N: c.Size, Hash: c.Root}, tileFetcher{t: t, f: f, h: 2})
	root, err := sumtlog.TreeHash(c.Size, hr)
	if err != nil || root != c.Root {
		t.Fatalf("root from tiles %v, %v; want the checkpoint's %v", root, err, c.Root)
	}
	_, js := f.get(t, fmt.Sprintf("/api/v1/articles/%d/versions/1/proof", f.mayor.ID))
	var p apiProof
	if err := json.Unmarshal([]byte(js), &p); err != nil {
		t.Fatal(err)
	}
	proof, err := sumtlog.ProveRecord(c.Size, p.Leaf, hr)
	if err != nil {
		t.Fatal(err)
	}
	if err := sumtlog.CheckRecord(proof, c.Size, c.Root, p.Leaf, unb64(t, p.LeafHash)); err != nil {
		t.Fatalf("proof built from tiles does not check: %v", err)
	}
	full, _ := f.get(t, "/log/tile/2/0/000")
	if full.StatusCode != http.StatusOK || !strings.Contains(full.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("full tile: status %d, Cache-Control %q", full.StatusCode, full.Header.Get("Cache-Control"))
	}
	for _, path := range []string{"/log/tile/2/0/999", "/log/tile/2/data/000", "/log/tile/2/0/x", fmt.Sprintf("/log/tile/2/0/000.p/%d", 5)} {
		if resp, _ := f.get(t, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, resp.StatusCode)
		}
	}
}
