package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/model"
)

// editedPage is a page of a site whose template (navigation, scripts,
// footer) does not repeat itself, around an article edited seq times;
// site picks another template.
func editedPage(site, seq int) []byte {
	r := rand.New(rand.NewPCG(uint64(site), 1))
	var b bytes.Buffer
	b.WriteString("<!doctype html><html><head><script>")
	for range 400 {
		fmt.Fprintf(&b, "var k%d=%d;", r.IntN(1e6), r.IntN(1e9))
	}
	b.WriteString("</script></head><body><article><p>The harbour council met on Tuesday.</p>")
	for i := range seq {
		fmt.Fprintf(&b, "<p>Update %d: the vote was adjourned.</p>", i+1)
	}
	b.WriteString("</article><footer>")
	for range 200 {
		fmt.Fprintf(&b, `<a href="/s/%d">%d</a>`, r.IntN(1e6), r.IntN(1e6))
	}
	b.WriteString("</footer></body></html>")
	return b.Bytes()
}

// recordPage records version seq of a with body as its capture, packed as
// a check packs it.
func recordPage(t *testing.T, s *Store, a model.Article, seq int, body []byte) model.Capture {
	t.Helper()
	ctx := context.Background()
	hash, blob, base, err := s.PackCaptureAfter(ctx, a.OutletID, a.ID, body)
	if err != nil {
		t.Fatal(err)
	}
	c := model.Capture{Hash: hash, URL: a.URL, Status: 200, FetchedAt: t0, Size: int64(len(body)), Body: blob, Base: base}
	v := version(a.ID, seq)
	v.CaptureHash, v.Hash = hash, fmt.Sprint("text", seq)
	if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, v.FetchedAt, model.OutcomeNewVersion),
		Capture: &c, Version: v}); err != nil {
		t.Fatal(err)
	}
	return c
}

// An article's later pages are kept as deltas against its first, until
// one shares too little with it; every one reads back byte for byte and
// verifies.
func TestCaptureDelta_PackedAgainstTheArticlesWholeCapture(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		bodies := [][]byte{editedPage(1, 0), editedPage(1, 1), editedPage(1, 2), editedPage(2, 2), editedPage(2, 3)}
		var cs []model.Capture
		for seq, body := range bodies {
			cs = append(cs, recordPage(t, s, a, seq, body))
		}
		wantBase := []string{"", cs[0].Hash, cs[0].Hash, "", cs[3].Hash}
		for i, c := range cs {
			if c.Base != wantBase[i] {
				t.Errorf("capture %d packed against %q, want %q", i, c.Base, wantBase[i])
			}
			if c.Base != "" && len(c.Body)*20 > len(bodies[i]) {
				t.Errorf("capture %d: a delta of %d bytes for a page of %d", i, len(c.Body), len(bodies[i]))
			}
			got, err := s.CaptureContent(ctx, c.Hash)
			if err != nil || !bytes.Equal(got, bodies[i]) {
				t.Errorf("CaptureContent(%d) = %d bytes, %v; want the page", i, len(got), err)
			}
		}
		rep, err := s.VerifyLog(ctx, "")
		if err != nil || len(rep.Findings) != 0 {
			t.Errorf("VerifyLog = %+v, %v; want no findings", rep, err)
		}
	})
}

// A purge deletes an article's deltas and then their base, but keeps a
// base another article's capture still needs.
func TestCaptureDelta_PurgeKeepsABaseStillNeeded(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		b := mustArticle(t, s, o.ID, "https://d.example/b")
		first := recordPage(t, s, a, 0, editedPage(1, 0))
		shared := recordPage(t, s, a, 1, editedPage(1, 1))
		// b serves the same bytes as a's second page: the capture is
		// stored once, as a's delta.
		recordPage(t, s, b, 0, editedPage(1, 1))
		if shared.Base != first.Hash {
			t.Fatalf("shared capture packed against %q", shared.Base)
		}
		p, err := s.PurgeArticle(ctx, a.ID)
		if err != nil || p.Captures != 0 {
			t.Fatalf("purge = %+v, %v; want no capture deleted", p, err)
		}
		if body, err := s.CaptureContent(ctx, shared.Hash); err != nil || !bytes.Equal(body, editedPage(1, 1)) {
			t.Fatalf("b's capture after a's purge: %d bytes, %v", len(body), err)
		}
		// With b gone too, both go: the delta, then the base a's purge
		// kept for it.
		if p, err = s.PurgeArticle(ctx, b.ID); err != nil || p.Captures != 2 {
			t.Fatalf("purge b = %+v, %v; want its capture and that one's base deleted", p, err)
		}
		c := mustArticle(t, s, o.ID, "https://d.example/c")
		recordPage(t, s, c, 0, editedPage(3, 0))
		recordPage(t, s, c, 1, editedPage(3, 1))
		if p, err = s.PurgeArticle(ctx, c.ID); err != nil || p.Captures != 2 {
			t.Fatalf("purge c = %+v, %v; want its delta and its base deleted", p, err)
		}
		if _, err := s.CaptureContent(ctx, first.Hash); !errors.Is(err, ErrNotFound) {
			t.Errorf("a's first capture after both purges: %v, want ErrNotFound", err)
		}
	})
}

// A delta that no longer unpacks to its hash is corrupt to a reader and a
// finding of verify.
func TestCaptureDelta_TamperedDeltaIsCorrupt(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		first := recordPage(t, s, a, 0, editedPage(1, 0))
		delta := recordPage(t, s, a, 1, editedPage(1, 1))
		other := recordPage(t, s, a, 2, editedPage(1, 2))
		// The second delta's bytes under the first's hash.
		tamper(t, s, fmt.Sprintf(`UPDATE captures SET body = (SELECT body FROM captures WHERE hash = '%s') WHERE hash = '%s'`,
			other.Hash, delta.Hash))
		if _, err := s.CaptureContent(ctx, delta.Hash); !errors.Is(err, archive.ErrCorrupt) {
			t.Errorf("CaptureContent of a swapped delta: %v, want archive.ErrCorrupt", err)
		}
		got := strings.Join(verifyFindings(t, s, ""), "\n")
		if want := fmt.Sprintf("captures %s: changed", delta.Hash); !strings.Contains(got, want) {
			t.Errorf("findings %q; want %q", got, want)
		}
		if strings.Contains(got, first.Hash) {
			t.Errorf("findings %q name the untouched base", got)
		}
	})
}

// A page purged and then fetched and kept again gets a leaf of its own:
// recording it must not fail on the purged row's leaf, and verify counts
// that leaf as purged.
func TestPurge_SamePageKeptAgain(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		first := recordPage(t, s, a, 0, editedPage(1, 0))
		old, err := s.CaptureLeaf(ctx, first.Hash)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.PurgeArticle(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		b := mustArticle(t, s, o.ID, "https://d.example/a")
		again := recordPage(t, s, b, 0, editedPage(1, 0))
		if leaf, err := s.CaptureLeaf(ctx, again.Hash); err != nil || leaf <= old {
			t.Errorf("CaptureLeaf of the page kept again = %d, %v; want a leaf after %d", leaf, err, old)
		}
		rep, err := s.VerifyLog(ctx, "")
		if err != nil || len(rep.Findings) != 0 || rep.Purged == 0 {
			t.Errorf("VerifyLog = %+v, %v; want no findings and the purged rows counted", rep, err)
		}
	})
}
