package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/model"
	"github.com/klauspost/compress/zstd"
)

// The storage benchmark records the same crawl into fresh SQLite stores,
// one per way of keeping captures, and prints what each costs per version
// and per capture. Its pages are real: the article-extraction benchmark's
// HTML (ERRATA_BENCH_PAGES names its folder).
//
//	go test ./internal/store -run XXX -bench BenchmarkStorage -benchtime 1x
const (
	benchPagesDefault  = "../../../shared/data/article-extraction-benchmark"
	benchOutlets       = 8
	benchArticles      = 32 // per outlet
	benchVersions      = 4  // per article
	benchTrainedRounds = 1  // rounds of versions recorded before dictionaries are trained
)

// benchPage is a real page cut around its article text: the site's
// template before and after, the article (with its markup) between.
type benchPage struct {
	before, article, after string
	text                   string // the article's text, as extraction gives it
}

// loadBenchPages reads the pages whose ground-truth text can be found in
// their HTML, so the article can be swapped for another page's.
func loadBenchPages(b *testing.B) []benchPage {
	dir := os.Getenv("ERRATA_BENCH_PAGES")
	if dir == "" {
		dir = benchPagesDefault
	}
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		b.Skipf("no benchmark pages (set ERRATA_BENCH_PAGES): %v", err)
	}
	var truth map[string]struct{ ArticleBody string }
	if err := json.Unmarshal(raw, &truth); err != nil {
		b.Fatal(err)
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var pages []benchPage
	for _, id := range ids {
		html, err := gunzipFile(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			b.Fatal(err)
		}
		if p, ok := cutBenchPage(html, truth[id].ArticleBody); ok {
			pages = append(pages, p)
		}
	}
	if len(pages) < benchOutlets {
		b.Skipf("only %d usable pages in %s", len(pages), dir)
	}
	return pages
}

func gunzipFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", err
	}
	body, err := io.ReadAll(zr)
	return string(body), err
}

// cutBenchPage finds the article: from its first long paragraph's start
// to its last long paragraph's end.
func cutBenchPage(html, text string) (benchPage, bool) {
	var paras []string
	for _, p := range strings.Split(text, "\n") {
		if len(p) > 40 {
			paras = append(paras, p)
		}
	}
	if len(paras) == 0 {
		return benchPage{}, false
	}
	head, tail := paras[0][:30], paras[len(paras)-1][len(paras[len(paras)-1])-30:]
	start := strings.Index(html, head)
	end := strings.LastIndex(html, tail)
	if start < 0 || end <= start {
		return benchPage{}, false
	}
	end += len(tail)
	return benchPage{before: html[:start], article: html[start:end], after: html[end:], text: text}, true
}

// benchEdit is version seq of an article: a word changed and an update
// line added per revision, in the page and in its text alike, and the
// template's per-request token (a nonce, a render time) new on every
// fetch.
func benchEdit(tmpl, art benchPage, article, seq int) (body, text string) {
	html, txt := art.article, art.text
	for r := range seq {
		w := benchWord(txt, r)
		if w != "" {
			html = strings.Replace(html, w, strings.ToUpper(w), 1)
			txt = strings.Replace(txt, w, strings.ToUpper(w), 1)
		}
		line := fmt.Sprintf("Update %d: this article was revised to correct a detail.", r+1)
		html += "<p>" + line + "</p>"
		txt += "\n\n" + line
	}
	nonce := fmt.Sprintf(`<meta name="render" content="%d-%d-%x">`, article, seq, uint32(article*7919+seq*104729))
	return tmpl.before + nonce + html + tmpl.after, txt
}

// benchWord is the r-th word of six letters or more in text.
func benchWord(text string, r int) string {
	n := 0
	for _, w := range strings.Fields(text) {
		if len(w) >= 6 && strings.Trim(w, ".,;:\"'()") == w {
			if n == r {
				return w
			}
			n++
		}
	}
	return ""
}

// storageForm is one way of keeping captures.
type storageForm struct {
	name string
	// pack returns the capture's hash, its blob and the hash of the
	// capture the blob is a delta against ("" for a whole blob).
	pack  func(ctx context.Context, s *Store, outletID, articleID int64, body []byte) (string, []byte, string, error)
	train bool
}

// whole adapts a packer of whole blobs to storageForm.pack.
func whole(pack func(body []byte) (string, []byte, error)) func(context.Context, *Store, int64, int64, []byte) (string, []byte, string, error) {
	return func(_ context.Context, _ *Store, _, _ int64, body []byte) (string, []byte, string, error) {
		h, blob, err := pack(body)
		return h, blob, "", err
	}
}

func gzipPack(body []byte) (string, []byte, error) {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	zw.Write(body)
	if err := zw.Close(); err != nil {
		return "", nil, err
	}
	return archive.Hash(body), b.Bytes(), nil
}

var storageForms = []storageForm{
	{name: "gzip (before)", pack: whole(gzipPack)},
	{name: "zstd", pack: whole(archive.Pack)},
	{name: "zstd+dict", train: true, pack: func(ctx context.Context, s *Store, outletID, _ int64, body []byte) (string, []byte, string, error) {
		h, blob, err := s.PackCapture(ctx, outletID, body)
		return h, blob, "", err
	}},
	// As a check keeps captures: a delta against the article's whole
	// capture where that is small, else with the outlet's dictionary.
	{name: "delta", train: true, pack: func(ctx context.Context, s *Store, outletID, articleID int64, body []byte) (string, []byte, string, error) {
		return s.PackCaptureAfter(ctx, outletID, articleID, body)
	}},
}

// storageFigures is what one form cost.
type storageFigures struct {
	versions, captures      int
	bodyBytes, blobBytes    int64
	textBytes               int64
	fileBytes               int64
	tables                  map[string]int64
	pack, unpack, train     time.Duration
	dictCaptures, dictBytes int64
	// Captures recorded once dictionaries could be trained, and their
	// blobs: the steady state of a store.
	laterCaptures, laterBlobBytes int64
	// laterPrevBytes is what those captures would take packed against
	// the previous capture of their article (not how they are kept).
	laterPrevBytes int64
	// laterTextBytes is those versions' text, and laterTextPrevBytes the
	// same packed against the article's previous text: what a text delta
	// could save.
	laterTextBytes, laterTextPrevBytes int64
}

func BenchmarkStorage(b *testing.B) {
	pages := loadBenchPages(b)
	b.Logf("%d real pages usable as outlet templates and articles", len(pages))
	only := os.Getenv("ERRATA_BENCH_FORMS") // e.g. "zstd+dict"; empty: all
	for b.Loop() {
		for _, f := range storageForms {
			if only != "" && !strings.Contains(only, f.name) {
				continue
			}
			fig := recordBenchCrawl(b, pages, f)
			printStorageFigures(b, f.name, fig)
		}
	}
}

func recordBenchCrawl(b *testing.B, pages []benchPage, f storageForm) storageFigures {
	ctx := context.Background()
	s, _ := openTemp(b)
	fig := storageFigures{tables: map[string]int64{}}
	type art struct {
		a      model.Article
		outlet int64
		page   int
	}
	var arts []art
	prev, prevText := map[int64][]byte{}, map[int64][]byte{}
	for o := range benchOutlets {
		out := mustOutlet(b, s, fmt.Sprintf("outlet%d", o))
		for i := range benchArticles {
			a := mustArticle(b, s, out.ID, fmt.Sprintf("https://outlet%d.example/%d", o, i))
			arts = append(arts, art{a: a, outlet: out.ID, page: (o*benchArticles + i + benchOutlets) % len(pages)})
		}
	}
	for seq := range benchVersions {
		if f.train && seq == benchTrainedRounds {
			start := time.Now()
			if _, err := s.TrainCaptureDicts(ctx, t0, benchOutlets); err != nil {
				b.Fatal(err)
			}
			fig.train = time.Since(start)
		}
		for i, ar := range arts {
			tmpl := pages[int(ar.outlet-arts[0].outlet)%len(pages)]
			body, text := benchEdit(tmpl, pages[ar.page], i, seq)
			start := time.Now()
			hash, blob, base, err := f.pack(ctx, s, ar.outlet, ar.a.ID, []byte(body))
			fig.pack += time.Since(start)
			if err != nil {
				b.Fatal(err)
			}
			v := version(ar.a.ID, seq)
			v.Text, v.Hash, v.CaptureHash = text, archive.Hash([]byte(text)), hash
			c := &model.Capture{Hash: hash, URL: ar.a.URL, Status: 200, FetchedAt: v.FetchedAt, Size: int64(len(body)), Body: blob, Base: base}
			if _, err := s.Record(ctx, CheckRecord{Article: ar.a, Check: check(ar.a.ID, v.FetchedAt, model.OutcomeNewVersion), Capture: c, Version: v}); err != nil {
				b.Fatal(err)
			}
			fig.versions++
			fig.captures++
			fig.bodyBytes += int64(len(body))
			fig.blobBytes += int64(len(blob))
			fig.textBytes += int64(len(text))
			if seq >= benchTrainedRounds {
				fig.laterCaptures++
				fig.laterBlobBytes += int64(len(blob))
				fig.laterPrevBytes += packedAgainst(b, prev[ar.a.ID], []byte(body))
				fig.laterTextBytes += int64(len(text))
				fig.laterTextPrevBytes += packedAgainst(b, prevText[ar.a.ID], []byte(text))
			}
			prev[ar.a.ID], prevText[ar.a.ID] = []byte(body), []byte(text)
		}
	}
	fig.unpack = unpackAll(b, s)
	measureFile(b, s, &fig)
	return fig
}

// packedAgainst returns the size of body packed with prev as the
// dictionary.
func packedAgainst(b *testing.B, prev, body []byte) int64 {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderDictRaw(1, prev), zstd.WithEncoderConcurrency(1))
	if err != nil {
		b.Fatal(err)
	}
	defer enc.Close()
	return int64(len(enc.EncodeAll(body, nil)))
}

// unpackAll reads every capture back as the web and export do
// (CaptureContent: the row, a delta's base, unpacking and the hash
// check), and returns the time spent.
func unpackAll(b *testing.B, s *Store) time.Duration {
	ctx := context.Background()
	rows, err := s.query(ctx, `SELECT hash FROM captures`)
	if err != nil {
		b.Fatal(err)
	}
	hashes, err := collect(rows, func(sc scanner) (string, error) {
		var h string
		return h, sc.Scan(&h)
	})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	for _, h := range hashes {
		if _, err := s.CaptureContent(ctx, h); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start)
}

// measureFile vacuums the store and reads its size, and each table's and
// index's where SQLite's dbstat table is built in.
func measureFile(b *testing.B, s *Store, fig *storageFigures) {
	ctx := context.Background()
	if _, err := s.w.ExecContext(ctx, `VACUUM`); err != nil {
		b.Fatal(err)
	}
	var pages, size int64
	if err := s.w.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		b.Fatal(err)
	}
	if err := s.w.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&size); err != nil {
		b.Fatal(err)
	}
	fig.fileBytes = pages * size
	_ = s.w.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(length(dict)), 0) FROM capture_dicts`).Scan(&fig.dictCaptures, &fig.dictBytes)
	rows, err := s.w.QueryContext(ctx, `SELECT name, sum(pgsize) FROM dbstat GROUP BY name`)
	if err != nil {
		b.Logf("no per-table sizes: %v", err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var n int64
		if err := rows.Scan(&name, &n); err == nil {
			fig.tables[name] = n
		}
	}
}

func printStorageFigures(b *testing.B, name string, f storageFigures) {
	per := func(n int64, k int64) float64 { return float64(n) / float64(k) }
	w := os.Stdout
	fmt.Fprintf(w, "%-14s %d versions, %d captures: body %.0f B/capture, blob %.0f B/capture (%.1f%%), text %.0f B/version\n",
		name, f.versions, f.captures, per(f.bodyBytes, int64(f.captures)), per(f.blobBytes, int64(f.captures)),
		100*per(f.blobBytes, f.bodyBytes), per(f.textBytes, int64(f.versions)))
	fmt.Fprintf(w, "%-14s captures after round %d: blob %.0f B/capture; packed against the article's previous capture it would be %.0f\n",
		name, benchTrainedRounds, per(f.laterBlobBytes, f.laterCaptures), per(f.laterPrevBytes, f.laterCaptures))
	fmt.Fprintf(w, "%-14s versions after round %d: text %.0f B/version; packed against the article's previous text it would be %.0f\n",
		name, benchTrainedRounds, per(f.laterTextBytes, f.laterCaptures), per(f.laterTextPrevBytes, f.laterCaptures))
	fmt.Fprintf(w, "%-14s file after VACUUM %.1f MB = %.0f B/version; pack %.2f ms/capture, unpack %.2f ms/capture\n",
		name, float64(f.fileBytes)/1e6, per(f.fileBytes, int64(f.versions)),
		f.pack.Seconds()*1e3/float64(f.captures), f.unpack.Seconds()*1e3/float64(f.captures))
	if f.dictCaptures > 0 {
		fmt.Fprintf(w, "%-14s %d dictionaries, %d B in all, trained in %s\n", name, f.dictCaptures, f.dictBytes, f.train.Round(time.Millisecond))
	}
	if len(f.tables) == 0 {
		return
	}
	names := make([]string, 0, len(f.tables))
	for n := range f.tables {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return f.tables[names[i]] > f.tables[names[j]] })
	var parts []string
	for _, n := range names[:min(12, len(names))] {
		parts = append(parts, fmt.Sprintf("%s %.0f", n, per(f.tables[n], int64(f.versions))))
	}
	fmt.Fprintf(w, "%-14s B/version by table: %s\n", name, strings.Join(parts, ", "))
	var search int64
	for n, size := range f.tables {
		if strings.HasPrefix(n, "version_search") {
			search += size
		}
	}
	fmt.Fprintf(w, "%-14s search index (version_search*) %.0f B/version\n", name, per(search, int64(f.versions)))
}
