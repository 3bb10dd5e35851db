package warc

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

var when = time.Date(2026, 11, 20, 8, 30, 0, 5, time.UTC)

// sample writes a warcinfo record and one capture's response, request
// and metadata records.
func sample(t testing.TB, body []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	if _, err := w.Info(when, "a.warc.gz", [][2]string{{"software", "errata/test"}}); err != nil {
		t.Fatal(err)
	}
	id, err := w.Response(Response{URL: "https://ledger.example/a?x=1", Date: when, Status: 200, Body: body,
		Header: http.Header{"Content-Type": {"text/html"}, "Content-Encoding": {"gzip"}, "Content-Length": {"41"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Request(Request{URL: "https://ledger.example/a?x=1", Date: when, Method: "GET",
		Header: http.Header{"User-Agent": {"errata/test"}}}, id); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Metadata("https://ledger.example/a?x=1", when, id, "application/json", []byte(`{"seq":0}`)); err != nil {
		t.Fatal(err)
	}
	if int64(buf.Len()) != w.Written() {
		t.Errorf("Written %d, wrote %d", w.Written(), buf.Len())
	}
	return buf.Bytes()
}

func readAll(t testing.TB, r *Reader) ([]Record, []error) {
	t.Helper()
	var recs []Record
	var errs []error
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return recs, errs
		}
		if err != nil {
			errs = append(errs, err)
			var skip *SkipError
			if !errors.As(err, &skip) {
				return recs, errs
			}
			continue
		}
		recs = append(recs, rec)
	}
}

func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestWriter_RecordsReadBackWithOriginalHeaders: each record is its own
// gzip member; the response's body is the one written, its headers the
// original ones (the framing headers, renamed while archived, restored),
// and the metadata record refers to the response.
func TestWriter_RecordsReadBackWithOriginalHeaders(t *testing.T) {
	body := []byte("<html><p>The council met.</p></html>")
	data := sample(t, body)
	if n := bytes.Count(data, []byte{0x1f, 0x8b, 0x08}); n < 4 {
		t.Errorf("%d gzip members, want one per record (4)", n)
	}
	plain := gunzip(t, data)
	for _, want := range []string{"HTTP/1.1 200 OK\r\n", "Content-Length: 36\r\n", "X-Errata-Orig-Content-Encoding: gzip\r\n",
		"X-Errata-Orig-Content-Length: 41\r\n", "GET /a?x=1 HTTP/1.1\r\nHost: ledger.example\r\n", "WARC-Payload-Digest: sha1:"} {
		if !bytes.Contains(plain, []byte(want)) {
			t.Errorf("archive lacks %q", want)
		}
	}
	for name, in := range map[string][]byte{"gzip": data, "plain": plain} {
		recs, errs := readAll(t, NewReader(bytes.NewReader(in), 0))
		if len(errs) > 0 || len(recs) != 4 {
			t.Fatalf("%s: %d records, errors %v", name, len(recs), errs)
		}
		resp, meta := recs[1], recs[3]
		wantHeader := http.Header{"Content-Type": {"text/html"}, "Content-Encoding": {"gzip"}, "Content-Length": {"41"}}
		if resp.Type != "response" || resp.Status != 200 || !bytes.Equal(resp.Body, body) ||
			!reflect.DeepEqual(resp.Header, wantHeader) || !resp.Date.Equal(when) || resp.TargetURI != "https://ledger.example/a?x=1" {
			t.Errorf("%s: response %+v", name, resp)
		}
		if meta.Type != "metadata" || meta.RefersTo != resp.ID || string(meta.Body) != `{"seq":0}` || meta.ContentType != "application/json" {
			t.Errorf("%s: metadata %+v, response id %s", name, meta, resp.ID)
		}
	}
}

// TestReader_BodiesAsTheyTravelledAndAsWritten: a crawler's response,
// chunked and gzipped, comes back dechunked and marked Encoded with its
// headers as sent; a Writer's response without any framing header comes
// back with exactly its headers and not Encoded.
func TestReader_BodiesAsTheyTravelledAndAsWritten(t *testing.T) {
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write([]byte("<p>ok</p>"))
	zw.Close()
	chunkedBody := fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", zipped.Len(), zipped.Bytes())
	crawler := rawRecord("response", "application/http;msgtype=response",
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"+chunkedBody)
	recs, errs := readAll(t, NewReader(strings.NewReader(crawler), 0))
	if len(errs) > 0 || len(recs) != 1 {
		t.Fatalf("crawler record: %v, %v", recs, errs)
	}
	want := http.Header{"Content-Type": {"text/html"}, "Content-Encoding": {"gzip"}, "Transfer-Encoding": {"chunked"}}
	if r := recs[0]; !r.Encoded || !bytes.Equal(r.Body, zipped.Bytes()) || !reflect.DeepEqual(r.Header, want) {
		t.Errorf("crawler record: encoded %v, body %q, header %v", r.Encoded, r.Body, r.Header)
	}

	var buf bytes.Buffer
	header := http.Header{"Content-Type": {"text/html"}, "Etag": {`"v1"`}}
	if _, err := NewWriter(&buf).Response(Response{URL: "https://x.example/", Date: when, Status: 200, Header: header, Body: []byte("<p>ok</p>")}); err != nil {
		t.Fatal(err)
	}
	recs, errs = readAll(t, NewReader(&buf, 0))
	if len(errs) > 0 || len(recs) != 1 || recs[0].Encoded || !reflect.DeepEqual(recs[0].Header, header) {
		t.Errorf("written record: %+v, %v; want header %v", recs, errs, header)
	}
}

// TestWriter_RequestTargetOfAnyURL: the request line carries the path and
// query as net/http sends them, with Host beside it; a URL Go cannot parse
// is written in absolute form rather than stopping the export.
func TestWriter_RequestTargetOfAnyURL(t *testing.T) {
	tests := []struct{ url, want string }{
		{"https://ledger.example/a b?q=ü", "GET /a%20b?q=ü HTTP/1.1\r\nHost: ledger.example\r\n"},
		{"https://ledger.example/100%zz", "GET https://ledger.example/100%zz HTTP/1.1\r\nUser-Agent: errata\r\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if _, err := NewWriter(&buf).Request(Request{URL: tt.url, Date: when, Method: "GET",
			Header: http.Header{"User-Agent": {"errata"}}}, "<urn:uuid:00000000-0000-4000-8000-000000000000>"); err != nil {
			t.Errorf("%s: %v", tt.url, err)
			continue
		}
		if plain := gunzip(t, buf.Bytes()); !bytes.Contains(plain, []byte(tt.want)) {
			t.Errorf("%s: record lacks %q:\n%s", tt.url, tt.want, plain)
		}
	}
}

// rawRecord is a hand-made uncompressed record with a correct block digest.
func rawRecord(typ, ctype, block string) string {
	sum := sha1.Sum([]byte(block))
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08x-0000-0000-0000-000000000000>\r\n"+
		"WARC-Date: 2026-11-20T08:00:00Z\r\nWARC-Target-URI: https://x.example/\r\nContent-Type: %s\r\n"+
		"WARC-Block-Digest: sha1:%s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, len(block), ctype, base32.StdEncoding.EncodeToString(sum[:]), len(block), block)
}

// TestReader_BadRecordsAreSkippedOrStop: a record with a wrong digest, a
// response that is not HTTP and one over the size limit are skipped with
// their reason and the records after them are read; a truncated archive
// stops with an error saying so.
func TestReader_BadRecordsAreSkippedOrStop(t *testing.T) {
	good := rawRecord("response", "application/http;msgtype=response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>ok</p>")
	tampered := strings.Replace(good, "<p>ok</p>", "<p>OK</p>", 1)
	notHTTP := rawRecord("response", "text/dns", "20261120080000\nx.example. 300 IN A 192.0.2.1\n")
	badChunks := rawRecord("response", "application/http;msgtype=response",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot a chunk")
	huge := rawRecord("response", "application/http;msgtype=response", "HTTP/1.1 200 OK\r\n\r\n"+strings.Repeat("x", 200))
	tests := []struct {
		name  string
		input string
		max   int64
		want  error
	}{
		{"wrong digest", tampered, 0, ErrBadDigest},
		{"not HTTP", notHTTP, 0, ErrNotHTTP},
		{"broken chunked body", badChunks, 0, ErrNotHTTP},
		{"too large", huge, 100, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, errs := readAll(t, NewReader(strings.NewReader(tt.input+good), tt.max))
			if len(errs) != 1 || !errors.Is(errs[0], tt.want) {
				t.Errorf("errors %v, want one %v", errs, tt.want)
			}
			if len(recs) != 1 || string(recs[0].Body) != "<p>ok</p>" {
				t.Errorf("records after it: %+v", recs)
			}
		})
	}
	t.Run("truncated gzip", func(t *testing.T) {
		data := sample(t, []byte("<p>page</p>"))
		_, errs := readAll(t, NewReader(bytes.NewReader(data[:len(data)-20]), 0))
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "truncated") {
			t.Errorf("errors %v, want one saying the archive is truncated", errs)
		}
	})
}

// FuzzReader: no input makes the reader panic or loop.
func FuzzReader(f *testing.F) {
	f.Add(sample(f, []byte("<p>x</p>")))
	f.Add([]byte(rawRecord("response", "application/http;msgtype=response", "HTTP/1.1 200 OK\r\n\r\nx")))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewReader(bytes.NewReader(b), 1<<16)
		for i := 0; i < 1000; i++ {
			_, err := r.Next()
			var skip *SkipError
			if err != nil && !errors.As(err, &skip) {
				return
			}
		}
		t.Fatalf("more than 1000 records from %d bytes", len(b))
	})
}
