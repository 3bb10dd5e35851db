package jobs

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha1"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/export"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/revise"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/warc"
)

// storyPage is an article page whose text depends on rev.
func storyPage(title string, rev int) []byte {
	return fmt.Appendf(nil, `<!doctype html><html><head><title>%[1]s</title>
<meta name="author" content="Ada Reporter"></head><body><article><h1>%[1]s</h1>
<p class="byline">By Ada Reporter</p>
<p>The harbour council met on Tuesday evening and voted on the budget for the coming year, revision %[2]d.</p>
<p>Members argued for three hours about the ferry, the roads and the new library before the vote was taken.</p>
<p>The mayor said the result would be published in full on the council's website by the end of the week.</p>
</article></body></html>`, title, rev)
}

// seedWARCStore records articles of two outlets with several versions each,
// each version with its capture, as checks would.
func seedWARCStore(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	base := time.Date(2026, 11, 20, 8, 0, 0, 123456789, time.UTC)
	for i, u := range []string{"https://ledger.example/news/budget", "https://ledger.example/news/storm", "https://courier.example/a/ferry"} {
		host := hostOf(u)
		o, err := st.EnsureOutlet(ctx, "Outlet "+host, host)
		if err != nil {
			t.Fatal(err)
		}
		a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: u, FirstSeen: base, State: model.StateActive})
		if err != nil {
			t.Fatal(err)
		}
		for seq := 0; seq < 3; seq++ {
			at := base.Add(time.Duration(i*10+seq) * time.Hour)
			body := storyPage(fmt.Sprintf("Story %d", i), seq)
			hash, blob, err := archive.Pack(body)
			if err != nil {
				t.Fatal(err)
			}
			title, byline, text := fmt.Sprintf("Story %d", i), "Ada Reporter", fmt.Sprintf("Paragraph one, revision %d.\n\nParagraph two.", seq)
			v := &model.Version{Seq: seq, FetchedAt: at, Title: title, Byline: byline, Text: text,
				Published: base, Hash: revise.Hash(title, byline, text), CaptureHash: hash, Extractor: "test-1",
				Added: seq, Removed: seq / 2}
			if seq > 0 {
				v.Classes = []string{"edit"}
			}
			a.LastChecked, a.LastChanged = at, at
			header := map[string][]string{"Content-Type": {"text/html; charset=utf-8"}, "Etag": {fmt.Sprintf(`"v%d"`, seq)}}
			if seq > 0 { // served compressed; the first ones plain, chunked
				header["Content-Encoding"] = []string{"gzip"}
			}
			_, err = st.Record(ctx, store.CheckRecord{
				Article: a, Check: model.Check{At: at, Status: 200, Outcome: model.OutcomeNewVersion},
				Capture: &model.Capture{Hash: hash, URL: u, Status: 200, FetchedAt: at, Size: int64(len(body)), Body: blob,
					Header: header},
				Version: v,
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}

func openTempStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func exportWARC(t *testing.T, st *store.Store, opt export.WARCOptions) []byte {
	t.Helper()
	opt.Software, opt.Now = "errata/test", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	opt.Request = fetch.RequestHeader("")
	var buf bytes.Buffer
	if _, err := export.WARC(context.Background(), st, &buf, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// allVersions lists every version of the store by article URL.
func allVersions(t *testing.T, st *store.Store) map[string][]model.Version {
	t.Helper()
	ctx := context.Background()
	arts, err := st.Articles(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]model.Version{}
	for _, a := range arts {
		vs, err := st.Versions(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i := range vs {
			vs[i].ID, vs[i].ArticleID = 0, 0
		}
		out[a.URL] = vs
	}
	return out
}

// TestImportWARC_RoundTripGivesTheSameVersions: an export read back into an
// empty store gives the same articles, versions (seq, title, byline,
// text, hashes, capture hashes), captures and outlets; an independent
// reader validates every record's digests; importing again adds nothing.
func TestImportWARC_RoundTripGivesTheSameVersions(t *testing.T) {
	ctx := context.Background()
	src := openTempStore(t)
	seedWARCStore(t, src)
	data := exportWARC(t, src, export.WARCOptions{})
	file := filepath.Join(t.TempDir(), "errata.warc.gz")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	checkWithWarcio(t, file, map[string]int{"warcinfo": 1, "response": 9, "request": 9, "metadata": 9})

	dst := openTempStore(t)
	e := NewEngine(dst, fetch.New(fetch.Config{}), nil)
	res, err := e.ImportWARC(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if res.Captures != 9 || res.Versions != 9 || len(res.Skipped) != 0 {
		t.Errorf("import: %+v; want 9 captures, 9 versions, nothing skipped", res)
	}
	want, got := allVersions(t, src), allVersions(t, dst)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("versions after the round trip differ:\n got %+v\nwant %+v", got, want)
	}
	for _, vs := range want {
		for _, v := range vs {
			c1, err1 := src.Capture(ctx, v.CaptureHash)
			c2, err2 := dst.Capture(ctx, v.CaptureHash)
			if err1 != nil || err2 != nil || !reflect.DeepEqual(c1, c2) {
				t.Errorf("capture %s: %+v (%v), want %+v (%v)", v.CaptureHash, c2, err2, c1, err1)
			}
		}
	}
	o, err := dst.OutletByHost(ctx, "courier.example")
	if err != nil || o.Name != "Outlet courier.example" {
		t.Errorf("outlet of courier.example: %+v, %v", o, err)
	}

	again, err := e.ImportWARC(ctx, bytes.NewReader(data))
	if err != nil || again.Captures != 0 || again.Versions != 0 {
		t.Errorf("second import: %+v, %v; want nothing added", again, err)
	}
}

// checkWithWarcio runs webrecorder's warcio (testdata/warcio) over file.
// Without node or the package it skips, unless ERRATA_REQUIRE_WARCIO=1.
func checkWithWarcio(t *testing.T, file string, types map[string]int) {
	t.Helper()
	dir, _ := filepath.Abs("../warc/testdata/warcio")
	_, nodeErr := exec.LookPath("node")
	_, pkgErr := os.Stat(filepath.Join(dir, "node_modules", "warcio"))
	if nodeErr != nil || pkgErr != nil {
		msg := "warcio check skipped: needs node and `npm ci` in internal/warc/testdata/warcio"
		if os.Getenv("ERRATA_REQUIRE_WARCIO") == "1" {
			t.Fatal(msg)
		}
		t.Log(msg)
		return
	}
	out, err := exec.Command("node", filepath.Join(dir, "check.mjs"), file).Output()
	var got struct {
		Records int
		Types   map[string]int
		Digests int
		Errors  []string
	}
	if jerr := json.Unmarshal(out, &got); jerr != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("warcio: %v: %s%s", err, out, ee.Stderr)
		}
		t.Fatalf("warcio: %v: %s", jerr, out)
	}
	if err != nil || len(got.Errors) > 0 {
		t.Fatalf("warcio: %v: %v", err, got.Errors)
	}
	if !reflect.DeepEqual(got.Types, types) {
		t.Errorf("warcio read %v, want %v", got.Types, types)
	}
	if got.Digests < got.Records {
		t.Errorf("warcio checked %d digests over %d records", got.Digests, got.Records)
	}
}

// crawlerRecord is a response record as crawlers write them: WARC/1.0,
// the body gzipped and chunked as it travelled.
func crawlerRecord(t *testing.T, u string, at time.Time, page []byte) string {
	t.Helper()
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(page)
	zw.Close()
	block := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n",
		zipped.Len(), zipped.Bytes())
	sum := sha1.Sum([]byte(block))
	return fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:6f1c2a4e-0000-4000-8000-000000000001>\r\n"+
		"WARC-Date: %s\r\nWARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\n"+
		"WARC-Block-Digest: sha1:%s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		at.Format(time.RFC3339), u, base32.StdEncoding.EncodeToString(sum[:]), len(block), block)
}

// crawlerArchive is a crawler's archive: three fetches of one URL written
// out of date order (texts rev 1, rev 0, rev 0 again, then rev 1 at the
// latest), a gzipped and chunked page of another, an image, and a record
// whose body no longer matches its digest.
func crawlerArchive(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := warc.NewWriter(&buf)
	u := "https://gazette.example/2026/11/harbour"
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	html := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	for _, f := range []struct {
		hours int
		rev   int
	}{{30, 1}, {10, 0}, {20, 0}} {
		if _, err := w.Response(warc.Response{URL: u, Date: day.Add(time.Duration(f.hours) * time.Hour), Status: 200,
			Header: html, Body: storyPage("Harbour budget", f.rev)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Response(warc.Response{URL: "https://gazette.example/logo.png", Date: day, Status: 200,
		Header: http.Header{"Content-Type": {"image/png"}}, Body: []byte("\x89PNG")}); err != nil {
		t.Fatal(err)
	}
	buf.WriteString(crawlerRecord(t, "https://gazette.example/2026/11/ferry", day.Add(time.Hour), storyPage("Ferry timetable", 0)))
	var bad bytes.Buffer
	if _, err := warc.NewWriter(&bad).Response(warc.Response{URL: u + "/other", Date: day, Status: 200,
		Header: html, Body: storyPage("Other", 0)}); err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(&bad)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	buf.Write(bytes.Replace(plain, []byte("revision 0"), []byte("revision 9"), 1))
	return buf.Bytes()
}

// TestImportWARC_CrawlerArchiveBecomesVersionsInDateOrder: pages without
// errata's metadata are read with errata's extraction; each distinct text
// of a URL in WARC-Date order is a version; the image and the damaged
// record are skipped and counted; importing again adds nothing.
func TestImportWARC_CrawlerArchiveBecomesVersionsInDateOrder(t *testing.T) {
	ctx := context.Background()
	st := openTempStore(t)
	e := NewEngine(st, fetch.New(fetch.Config{}), nil)
	data := crawlerArchive(t)
	res, err := e.ImportWARC(ctx, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	wantSkipped := map[string]int{SkipNotHTML: 1, SkipBadDigest: 1}
	if res.Records != 6 || res.Captures != 3 || res.Versions != 3 || !reflect.DeepEqual(res.Skipped, wantSkipped) {
		t.Errorf("import: %+v; want 6 records, 3 captures, 3 versions, skipped %v", res, wantSkipped)
	}
	ferry, err := st.ArticleByURL(ctx, "https://gazette.example/2026/11/ferry")
	if err != nil {
		t.Fatal(err)
	}
	if vs, err := st.Versions(ctx, ferry.ID); err != nil || len(vs) != 1 || vs[0].Title != "Ferry timetable" {
		t.Errorf("the gzipped, chunked page: versions %+v, %v", vs, err)
	}
	a, err := st.ArticleByURL(ctx, "https://gazette.example/2026/11/harbour")
	if err != nil {
		t.Fatal(err)
	}
	vs, err := st.Versions(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || !strings.Contains(vs[0].Text, "revision 0") || !strings.Contains(vs[1].Text, "revision 1") ||
		vs[0].Title != "Harbour budget" || vs[1].Seq != 1 || !vs[0].FetchedAt.Before(vs[1].FetchedAt) {
		t.Fatalf("versions %+v; want rev 0 then rev 1", vs)
	}
	if o, err := st.Outlet(ctx, a.OutletID); err != nil || o.Host != "gazette.example" {
		t.Errorf("outlet %+v, %v; want the host's", o, err)
	}
	again, err := e.ImportWARC(ctx, bytes.NewReader(data))
	if err != nil || again.Captures != 0 || again.Versions != 0 {
		t.Errorf("second import: %+v, %v; want nothing added", again, err)
	}
}

// TestImportWARC_TruncatedArchiveKeepsWhatCameBefore: an archive cut in
// the middle of a record stops the import with an error that says so;
// the records before it stay imported.
func TestImportWARC_TruncatedArchiveKeepsWhatCameBefore(t *testing.T) {
	ctx := context.Background()
	src := openTempStore(t)
	seedWARCStore(t, src)
	data := exportWARC(t, src, export.WARCOptions{})
	dst := openTempStore(t)
	res, err := NewEngine(dst, fetch.New(fetch.Config{}), nil).ImportWARC(ctx, bytes.NewReader(data[:len(data)*2/3]))
	if err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("error %v, want one saying the archive is truncated", err)
	}
	if res.Versions == 0 || res.Captures == 0 {
		t.Errorf("import before the cut: %+v; want some captures and versions", res)
	}
	n := 0
	for _, vs := range allVersions(t, dst) {
		n += len(vs)
	}
	if n != res.Versions {
		t.Errorf("%d versions stored, import says %d", n, res.Versions)
	}
}
