package warc

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/klauspost/compress/gzip"
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

// Batch builds records, each a gzip member of its own, in memory: the
// records of one capture can be built on any goroutine and written in
// order later (Writer.WriteBatch). A Batch is used by one goroutine at a
// time.
type Batch struct {
	zw  *gzip.Writer
	m   gowarc.Marshaler
	buf bytes.Buffer
}

// gowarcOptions serialises the gowarc calls that build options: each
// sets a global of the uuid package (EnableRandPool), a data race when
// Batches build records on several goroutines. Building the record,
// digesting and compressing it, the costly part, runs unlocked, and
// record ids come from recordID, which reads no such global.
var gowarcOptions sync.Mutex

// recordID is a random (version 4) UUID URN, as gowarc's default makes
// them, drawn straight from crypto/rand.
func recordID() (string, error) {
	id, err := uuid.NewRandomFromReader(rand.Reader)
	if err != nil {
		return "", err
	}
	return id.URN(), nil
}

// NewBatch returns an empty Batch.
func NewBatch() *Batch {
	zw, err := gzip.NewWriterLevel(io.Discard, level)
	if err != nil {
		panic(err) // level is a valid constant
	}
	gowarcOptions.Lock()
	defer gowarcOptions.Unlock()
	return &Batch{zw: zw, m: gowarc.NewMarshaler()}
}

// Len is how many compressed bytes the Batch holds.
func (b *Batch) Len() int { return b.buf.Len() }

// Reset empties the Batch, keeping its buffers.
func (b *Batch) Reset() { b.buf.Reset() }

// Info adds the warcinfo record that opens an archive: fields in the
// given order, as application/warc-fields.
func (b *Batch) Info(date time.Time, filename string, fields [][2]string) (string, error) {
	var block strings.Builder
	for _, f := range fields {
		block.WriteString(f[0] + ": " + f[1] + "\r\n")
	}
	headers := [][2]string{{gowarc.WarcDate, warcDate(date)}, {gowarc.ContentType, gowarc.ApplicationWarcFields}}
	if filename != "" {
		headers = append(headers, [2]string{gowarc.WarcFilename, filename})
	}
	return b.record(gowarc.Warcinfo, headers, []byte(block.String()))
}

// Response adds a response record and returns its WARC-Record-ID.
func (b *Batch) Response(r Response) (string, error) {
	return b.record(gowarc.Response, [][2]string{
		{gowarc.WarcDate, warcDate(r.Date)},
		{gowarc.WarcTargetURI, r.URL},
		{gowarc.ContentType, typeResponse},
	}, responseBlock(r))
}

// Request adds a request record concurrent to the response record
// responseID.
func (b *Batch) Request(r Request, responseID string) (string, error) {
	return b.record(gowarc.Request, [][2]string{
		{gowarc.WarcDate, warcDate(r.Date)},
		{gowarc.WarcTargetURI, r.URL},
		{gowarc.WarcConcurrentTo, responseID},
		{gowarc.ContentType, typeRequest},
	}, requestBlock(r))
}

// Metadata adds a metadata record about the record refersTo.
func (b *Batch) Metadata(targetURI string, date time.Time, refersTo, contentType string, body []byte) (string, error) {
	return b.record(gowarc.Metadata, [][2]string{
		{gowarc.WarcDate, warcDate(date)},
		{gowarc.WarcTargetURI, targetURI},
		{gowarc.WarcRefersTo, refersTo},
		{gowarc.ContentType, contentType},
	}, body)
}

// record builds one record, letting gowarc compute its id, length and
// digests, and adds it as one gzip member.
func (b *Batch) record(t gowarc.RecordType, headers [][2]string, block []byte) (string, error) {
	gowarcOptions.Lock()
	rb := gowarc.NewRecordBuilder(t,
		gowarc.WithAddMissingRecordId(true),
		gowarc.WithRecordIdFunc(recordID),
		gowarc.WithAddMissingDigest(true),
		gowarc.WithDefaultDigestAlgorithm(digestAlgorithm),
		gowarc.WithSpecViolationPolicy(gowarc.ErrFail),
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrFail))
	gowarcOptions.Unlock()
	for _, h := range headers {
		rb.AddWarcHeader(h[0], h[1])
	}
	if _, err := rb.Write(block); err != nil {
		_ = rb.Close()
		return "", fmt.Errorf("warc: %s record: %w", t, err)
	}
	rec, _, err := rb.Build()
	if err != nil {
		return "", fmt.Errorf("warc: %s record: %w", t, err)
	}
	defer rec.Close()
	id := rec.WarcHeader().GetId(gowarc.WarcRecordID)
	mark := b.buf.Len()
	b.zw.Reset(&b.buf)
	if _, _, err := b.m.Marshal(b.zw, rec, 0); err != nil {
		b.buf.Truncate(mark)
		return "", fmt.Errorf("warc: %s record: %w", t, err)
	}
	if err := b.zw.Close(); err != nil {
		b.buf.Truncate(mark)
		return "", fmt.Errorf("warc: %s record: %w", t, err)
	}
	return "<" + id + ">", nil
}

// Writer writes records to w, each gzip-compressed on its own: one at a
// time as they are built, or a Batch built elsewhere.
type Writer struct {
	w io.Writer
	b *Batch
	n int64
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: w, b: NewBatch()}
}

// Written is how many compressed bytes the Writer has written.
func (w *Writer) Written() int64 { return w.n }

// WriteBatch writes the records b holds, in the order they were added,
// and empties it.
func (w *Writer) WriteBatch(b *Batch) error {
	n, err := w.w.Write(b.buf.Bytes())
	w.n += int64(n)
	b.Reset()
	if err != nil {
		return fmt.Errorf("warc: write: %w", err)
	}
	return nil
}

// Info writes the warcinfo record that opens an archive (Batch.Info).
func (w *Writer) Info(date time.Time, filename string, fields [][2]string) (string, error) {
	return w.flush(w.b.Info(date, filename, fields))
}

// Response writes a response record and returns its WARC-Record-ID.
func (w *Writer) Response(r Response) (string, error) { return w.flush(w.b.Response(r)) }

// Request writes a request record concurrent to the response record
// responseID.
func (w *Writer) Request(r Request, responseID string) (string, error) {
	return w.flush(w.b.Request(r, responseID))
}

// Metadata writes a metadata record about the record refersTo.
func (w *Writer) Metadata(targetURI string, date time.Time, refersTo, contentType string, body []byte) (string, error) {
	return w.flush(w.b.Metadata(targetURI, date, refersTo, contentType, body))
}

// flush writes the record just built.
func (w *Writer) flush(id string, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return id, w.WriteBatch(w.b)
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
