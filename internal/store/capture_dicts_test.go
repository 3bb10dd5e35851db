package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/model"
	"github.com/klauspost/compress/zstd"
)

// sitePage returns page i of a site: the site's template (navigation,
// scripts, footer) around prose of its own.
func sitePage(site string, i int) []byte {
	words := strings.Fields(`council budget minister police report election market court health school
		statement spokesperson correction updated according percent city government hours minutes`)
	r := rand.New(rand.NewPCG(uint64(i), uint64(len(site))))
	var b bytes.Buffer
	fmt.Fprintf(&b, `<!doctype html><html><head><title>%s story %d</title><link rel="stylesheet" href="/%s/main.css">`, site, i, site)
	fmt.Fprintf(&b, `<script>window.%s={section:"news",ads:["top","side","bottom"],track:function(e){this.q.push(e)}}</script></head>`, site)
	fmt.Fprintf(&b, `<body><nav class="%s-nav"><a href="/">Home</a><a href="/world">World</a><a href="/politics">Politics</a>`, site)
	b.WriteString(`<a href="/business">Business</a><a href="/sport">Sport</a><a href="/culture">Culture</a></nav><article>`)
	for p := range 12 + r.IntN(12) {
		fmt.Fprintf(&b, `<p class="para" id="p%d">`, p)
		for range 40 + r.IntN(40) {
			b.WriteString(words[r.IntN(len(words))] + " ")
		}
		b.WriteString("</p>\n")
	}
	fmt.Fprintf(&b, `</article><footer class="%s-footer"><p>© %s. All rights reserved. Contact the newsroom; corrections policy; `+
		`privacy notice; cookie settings; terms of use.</p></footer></body></html>`, site, site)
	return b.Bytes()
}

// recordPages records one version of each of n articles of outlet, its
// capture packed as a check packs it.
func recordPages(t *testing.T, s *Store, o model.Outlet, from, n int) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	bodies := make(map[string][]byte)
	for i := from; i < from+n; i++ {
		a := mustArticle(t, s, o.ID, fmt.Sprintf("https://%s.example/%d", o.Name, i))
		body := sitePage(o.Name, i)
		hash, blob, err := s.PackCapture(ctx, o.ID, body)
		if err != nil {
			t.Fatal(err)
		}
		v := version(a.ID, 0)
		v.CaptureHash, v.Text = hash, fmt.Sprintf("text of %s %d", o.Name, i)
		c := &model.Capture{Hash: hash, URL: a.URL, Status: 200, FetchedAt: t0, Size: int64(len(body)), Body: blob}
		if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion), Capture: c, Version: v}); err != nil {
			t.Fatal(err)
		}
		bodies[hash] = body
	}
	return bodies
}

// dictOf returns the dictionary ID a blob's zstd frame names; 0 for none.
func dictOf(t *testing.T, blob []byte) uint32 {
	t.Helper()
	var h zstd.Header
	if err := h.Decode(blob); err != nil {
		t.Fatalf("not a zstd blob: %v", err)
	}
	return h.DictionaryID
}

func TestTrainCaptureDict_WaitsForEnoughCaptures(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "daily")
		recordPages(t, s, o, 0, archive.MinDictSamples-1)
		if ok, err := s.TrainCaptureDict(ctx, o.ID, t0); ok || err != nil {
			t.Fatalf("trained on %d captures: %v, %v", archive.MinDictSamples-1, ok, err)
		}
		recordPages(t, s, o, archive.MinDictSamples-1, 1)
		if n, err := s.TrainCaptureDicts(ctx, t0, 10); n != 1 || err != nil {
			t.Fatalf("TrainCaptureDicts = %d, %v; want 1", n, err)
		}
		if n, err := s.TrainCaptureDicts(ctx, t0, 10); n != 0 || err != nil {
			t.Fatalf("trained again with no new captures: %d, %v", n, err)
		}
	})
}

func TestPackCapture_UsesTheOutletsDictionaryReadableAfterReopen(t *testing.T) {
	forEachDialect(t, func(t *testing.T, s *Store, reopen func() (*Store, error)) {
		ctx := context.Background()
		daily, weekly := mustOutlet(t, s, "daily"), mustOutlet(t, s, "weekly")
		recordPages(t, s, daily, 0, archive.MinDictSamples)
		if ok, err := s.TrainCaptureDict(ctx, daily.ID, t0); !ok || err != nil {
			t.Fatalf("TrainCaptureDict = %v, %v", ok, err)
		}
		later := recordPages(t, s, daily, 100, 3)
		for hash := range later {
			blob, err := s.CaptureBody(ctx, hash)
			if err != nil {
				t.Fatal(err)
			}
			if dictOf(t, blob) == 0 {
				t.Errorf("capture %s of a trained outlet packed without its dictionary", hash)
			}
		}
		for hash := range recordPages(t, s, weekly, 0, 1) {
			blob, _ := s.CaptureBody(ctx, hash)
			if id := dictOf(t, blob); id != 0 {
				t.Errorf("another outlet's capture packed with dictionary %d", id)
			}
		}

		again, err := reopen()
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		for hash, body := range later {
			blob, err := again.CaptureBody(ctx, hash)
			if err != nil {
				t.Fatal(err)
			}
			got, err := archive.Unpack(hash, blob, again.Dicts(ctx))
			if err != nil || !bytes.Equal(got, body) {
				t.Errorf("after reopen: Unpack = %d bytes, %v; want the %d-byte body", len(got), err, len(body))
			}
		}
	})
}

func TestVerifyLog_PassesWithEveryCaptureForm(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "daily")
		recordPages(t, s, o, 0, archive.MinDictSamples)
		if ok, err := s.TrainCaptureDict(ctx, o.ID, t0); !ok || err != nil {
			t.Fatalf("TrainCaptureDict = %v, %v", ok, err)
		}
		recordPages(t, s, o, 100, 2)
		// A capture kept gzip-compressed, as before blobs were zstd.
		body := sitePage("daily", 200)
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write(body)
		zw.Close()
		a := mustArticle(t, s, o.ID, "https://daily.example/old")
		v := version(a.ID, 0)
		v.CaptureHash, v.Text = archive.Hash(body), "old text"
		c := &model.Capture{Hash: v.CaptureHash, URL: a.URL, Status: 200, FetchedAt: t0, Size: int64(len(body)), Body: gz.Bytes()}
		if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion), Capture: c, Version: v}); err != nil {
			t.Fatal(err)
		}
		signer := testSigner(t)
		if _, _, err := s.Checkpoint(ctx, signer); err != nil {
			t.Fatal(err)
		}
		if got := verifyFindings(t, s, signer.VerifierKey()); len(got) != 0 {
			t.Fatalf("findings on an untouched store: %q", got)
		}
	})
}

func TestVerifyLog_ReportsACaptureWhoseDictionaryIsGone(t *testing.T) {
	forEachDialect(t, func(t *testing.T, s *Store, reopen func() (*Store, error)) {
		ctx := context.Background()
		o := mustOutlet(t, s, "daily")
		recordPages(t, s, o, 0, archive.MinDictSamples)
		if ok, err := s.TrainCaptureDict(ctx, o.ID, t0); !ok || err != nil {
			t.Fatalf("TrainCaptureDict = %v, %v", ok, err)
		}
		var hash string
		for h := range recordPages(t, s, o, 100, 1) {
			hash = h
		}
		signer := testSigner(t)
		if _, _, err := s.Checkpoint(ctx, signer); err != nil {
			t.Fatal(err)
		}
		drop := []string{"DROP TRIGGER capture_dicts_no_delete", "DELETE FROM capture_dicts"}
		if s.d == dialectPostgres {
			drop[0] = "DROP TRIGGER capture_dicts_no_update ON capture_dicts"
		}
		for _, q := range drop {
			if _, err := s.w.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		again, err := reopen() // a fresh process: no dictionary held in memory
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		got := verifyFindings(t, again, signer.VerifierKey())
		want := "captures " + hash + ": unreadable"
		if len(got) != 1 || !strings.Contains(got[0], want) || !strings.Contains(got[0], "dictionary") {
			t.Fatalf("findings = %q; want one %q naming the dictionary", got, want)
		}
	})
}

func TestCaptureDicts_AreAppendOnly(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "daily")
		recordPages(t, s, o, 0, archive.MinDictSamples)
		if ok, err := s.TrainCaptureDict(ctx, o.ID, t0); !ok || err != nil {
			t.Fatalf("TrainCaptureDict = %v, %v", ok, err)
		}
		for _, q := range []string{"UPDATE capture_dicts SET dict = ?", "DELETE FROM capture_dicts WHERE outlet_id <> ?"} {
			arg := any([]byte("x"))
			if strings.HasPrefix(q, "DELETE") {
				arg = int64(-1)
			}
			if _, err := s.w.ExecContext(ctx, s.d.rebind(q), arg); err == nil {
				t.Errorf("%s: allowed", q)
			}
		}
	})
}

func TestTrainCaptureDicts_TrainsAtMostLimitOutlets(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, name := range []string{"daily", "weekly"} {
			recordPages(t, s, mustOutlet(t, s, name), 0, archive.MinDictSamples)
		}
		for round := range 2 {
			if n, err := s.TrainCaptureDicts(ctx, t0, 1); n != 1 || err != nil {
				t.Fatalf("round %d: TrainCaptureDicts = %d, %v; want 1", round, n, err)
			}
		}
		if n, err := s.TrainCaptureDicts(ctx, t0, 1); n != 0 || err != nil {
			t.Fatalf("third round trained %d, %v", n, err)
		}
	})
}

func TestPackCapture_PacksPlainlyWhenTheDictionaryIsDamaged(t *testing.T) {
	forEachDialect(t, func(t *testing.T, s *Store, reopen func() (*Store, error)) {
		ctx := context.Background()
		o := mustOutlet(t, s, "daily")
		recordPages(t, s, o, 0, archive.MinDictSamples)
		if ok, err := s.TrainCaptureDict(ctx, o.ID, t0); !ok || err != nil {
			t.Fatalf("TrainCaptureDict = %v, %v", ok, err)
		}
		drop := "DROP TRIGGER capture_dicts_no_update"
		if s.d == dialectPostgres {
			drop += " ON capture_dicts"
		}
		if _, err := s.w.ExecContext(ctx, drop); err != nil {
			t.Fatalf("%s: %v", drop, err)
		}
		if _, err := s.w.ExecContext(ctx, s.d.rebind("UPDATE capture_dicts SET dict = ?"), []byte("damaged")); err != nil {
			t.Fatal(err)
		}
		again, err := reopen()
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		body := sitePage("daily", 500)
		hash, blob, err := again.PackCapture(ctx, o.ID, body)
		if err != nil {
			t.Fatalf("PackCapture: %v", err)
		}
		if got, err := archive.Unpack(hash, blob, nil); err != nil || !bytes.Equal(got, body) {
			t.Fatalf("Unpack without dictionaries = %d bytes, %v", len(got), err)
		}
	})
}
