package warc

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// digestAlgorithm is the one web archives use for WARC-Block-Digest and
// WARC-Payload-Digest: SHA-1 in base32, which CDX indexes and revisit
// records compare.
const digestAlgorithm = "sha1"

// level is the gzip level of each record. Records are written once and
// read rarely; at the default level deflate's match search took three
// quarters of an export's time (BenchmarkExport_WARC: about 8 MB/s of
// pages), at BestSpeed the archive is a little larger and several times
// faster to write.
const level = gzip.BestSpeed

// Content types of the records a Writer makes.
const (
	typeResponse = "application/http;msgtype=response"
	typeRequest  = "application/http;msgtype=request"
)

// OriginalPrefix names the headers a response record keeps under another
// name: the stored body is the decoded one, so the original framing
// headers (Content-Encoding, Transfer-Encoding, Content-Length) no longer
// describe it and are written as X-Errata-Orig-Content-Encoding and so on,
// with a Content-Length that counts the body written. A response that had
// none of them is written with its headers as they were: the body then
// ends where the record's block ends, as HTTP allows.
const OriginalPrefix = "X-Errata-Orig-"

// framing are the headers that describe how the body travelled, not what
// it is.
var framing = []string{"Content-Encoding", "Transfer-Encoding", "Content-Length"}

// Response is one HTTP response as captured.
type Response struct {
	URL    string
	Date   time.Time
	Status int
	Header http.Header
	Body   []byte // decoded: what the page's reader saw
}

// Request is the HTTP request that fetched a Response.
type Request struct {
	URL    string
	Date   time.Time
	Method string
	Header http.Header // Host is added from URL
}

// Writer writes records to w, each gzip-compressed on its own.
type Writer struct {
	w   io.Writer
	zw  *gzip.Writer
	m   gowarc.Marshaler
	buf bytes.Buffer
	n   int64
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer {
	zw, err := gzip.NewWriterLevel(io.Discard, level)
	if err != nil {
		panic(err) // level is a valid constant
	}
	return &Writer{w: w, zw: zw, m: gowarc.NewMarshaler()}
}

// Written is how many compressed bytes the Writer has written.
func (w *Writer) Written() int64 { return w.n }

// Info writes the warcinfo record that opens an archive: fields in the
// given order, as application/warc-fields.
func (w *Writer) Info(date time.Time, filename string, fields [][2]string) (string, error) {
	var block strings.Builder
	for _, f := range fields {
		block.WriteString(f[0] + ": " + f[1] + "\r\n")
	}
	headers := [][2]string{{gowarc.WarcDate, warcDate(date)}, {gowarc.ContentType, gowarc.ApplicationWarcFields}}
	if filename != "" {
		headers = append(headers, [2]string{gowarc.WarcFilename, filename})
	}
	return w.record(gowarc.Warcinfo, headers, []byte(block.String()))
}

// Response writes a response record and returns its WARC-Record-ID.
func (w *Writer) Response(r Response) (string, error) {
	return w.record(gowarc.Response, [][2]string{
		{gowarc.WarcDate, warcDate(r.Date)},
		{gowarc.WarcTargetURI, r.URL},
		{gowarc.ContentType, typeResponse},
	}, responseBlock(r))
}

// Request writes a request record concurrent to the response record
// responseID.
func (w *Writer) Request(r Request, responseID string) (string, error) {
	return w.record(gowarc.Request, [][2]string{
		{gowarc.WarcDate, warcDate(r.Date)},
		{gowarc.WarcTargetURI, r.URL},
		{gowarc.WarcConcurrentTo, responseID},
		{gowarc.ContentType, typeRequest},
	}, requestBlock(r))
}

// Metadata writes a metadata record about the record refersTo.
func (w *Writer) Metadata(targetURI string, date time.Time, refersTo, contentType string, body []byte) (string, error) {
	return w.record(gowarc.Metadata, [][2]string{
		{gowarc.WarcDate, warcDate(date)},
		{gowarc.WarcTargetURI, targetURI},
		{gowarc.WarcRefersTo, refersTo},
		{gowarc.ContentType, contentType},
	}, body)
}

// record builds one record, letting gowarc compute its id, length and
// digests, and writes it as one gzip member.
func (w *Writer) record(t gowarc.RecordType, headers [][2]string, block []byte) (string, error) {
	b := gowarc.NewRecordBuilder(t,
		gowarc.WithAddMissingRecordId(true),
		gowarc.WithAddMissingDigest(true),
		gowarc.WithDefaultDigestAlgorithm(digestAlgorithm),
		gowarc.WithSpecViolationPolicy(gowarc.ErrFail),
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrFail))
	for _, h := range headers {
		b.AddWarcHeader(h[0], h[1])
	}
	if _, err := b.Write(block); err != nil {
		_ = b.Close()
		return "", fmt.Errorf("warc: %s record: %w", t, err)
	}
	rec, _, err := b.Build()
	if err != nil {
		return "", fmt.Errorf("warc: %s record: %w", t, err)
	}
	defer rec.Close()
	id := rec.WarcHeader().GetId(gowarc.WarcRecordID)
	w.buf.Reset()
	w.zw.Reset(&w.buf)
	if _, _, err := w.m.Marshal(w.zw, rec, 0); err != nil {
		return "", fmt.Errorf("warc: %s record: %w", t, err)
	}
	if err := w.zw.Close(); err != nil {
		return "", fmt.Errorf("warc: %s record: %w", t, err)
	}
	n, err := w.w.Write(w.buf.Bytes())
	w.n += int64(n)
	if err != nil {
		return "", fmt.Errorf("warc: write: %w", err)
	}
	return "<" + id + ">", nil
}

// responseBlock is the status line, the headers made to describe the body
// written (see OriginalPrefix) and the body.
func responseBlock(r Response) []byte {
	var b bytes.Buffer
	b.Grow(len(r.Body) + 1024)
	text := http.StatusText(r.Status)
	if text == "" {
		text = "Status"
	}
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", r.Status, text)
	h := r.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	renamed := false
	for _, name := range framing {
		if vs, ok := h[name]; ok {
			delete(h, name)
			h[OriginalPrefix+name] = vs
			renamed = true
		}
	}
	if renamed {
		h.Set("Content-Length", strconv.Itoa(len(r.Body)))
	}
	writeHeader(&b, h)
	b.WriteString("\r\n")
	b.Write(r.Body)
	return b.Bytes()
}

// requestBlock is the request line, Host and the headers. A URL Go cannot
// parse (a stray "%") is written in absolute form, which HTTP also
// allows, without Host: one odd URL must not stop an export.
func requestBlock(r Request) []byte {
	target, host := strings.ReplaceAll(oneLine(r.URL), " ", "%20"), ""
	if u, err := url.Parse(r.URL); err == nil {
		target, host = u.RequestURI(), u.Host
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\n", r.Method, target)
	h := r.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	if host != "" {
		h.Set("Host", host)
	}
	writeHeader(&b, h)
	b.WriteString("\r\n")
	return b.Bytes()
}

// writeHeader writes headers in name order, Host first, with values kept
// to one line each (a stored value cannot break the message's framing).
func writeHeader(b *bytes.Buffer, h http.Header) {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == "Host") != (names[j] == "Host") {
			return names[i] == "Host"
		}
		return names[i] < names[j]
	})
	for _, k := range names {
		for _, v := range h[k] {
			b.WriteString(oneLine(k) + ": " + oneLine(v) + "\r\n")
		}
	}
}

func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

// warcDate is WARC-Date's form: UTC, to the second unless finer is known
// (WARC/1.1 allows fractions).
func warcDate(t time.Time) string {
	return t.UTC().Format(time.RFC3339Nano)
}
