package warc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// MaxRecordSize bounds the block of one record a Reader hands out: a larger
// record is skipped (ErrTooLarge), so a hostile archive cannot make import
// hold gigabytes. Blocks are spooled through gowarc's disk buffer while
// their digests are checked, never held whole in memory beyond this.
const MaxRecordSize = 64 << 20

// Reasons a Reader skips a record; the archive goes on after it.
var (
	ErrBadDigest = errors.New("digest does not match the record")
	ErrTooLarge  = errors.New("record too large")
	ErrNotHTTP   = errors.New("not an HTTP response")
)

// SkipError is a record the Reader skipped, with why.
type SkipError struct {
	ID     string
	Reason error
}

func (e *SkipError) Error() string {
	return fmt.Sprintf("warc: record %s skipped: %v", e.ID, e.Reason)
}

func (e *SkipError) Unwrap() error { return e.Reason }

// Record is one record as import needs it.
type Record struct {
	Type        string // "response", "metadata", "request", "warcinfo", ...
	ID          string // WARC-Record-ID, with its angle brackets
	TargetURI   string
	Date        time.Time
	RefersTo    string // WARC-Refers-To
	ContentType string // the record's Content-Type
	// Response records only.
	Status int
	Header http.Header // original headers, framing names restored
	// Encoded is true when a response's Body is still in the codings its
	// Content-Encoding names, as crawlers keep bodies; a Writer's
	// archives hold decoded bodies. A chunked transfer coding is always
	// removed.
	Encoded bool
	// Body is a response's payload, or any other record's block.
	Body []byte
}

// Reader reads records one at a time.
type Reader struct {
	br  *bufio.Reader
	u   gowarc.Unmarshaler
	max int64
	at  int64 // records read, for messages
}

// NewReader reads r, a WARC file, gzip-compressed per record or not.
// Records whose block exceeds max bytes are skipped (0: MaxRecordSize).
func NewReader(r io.Reader, max int64) *Reader {
	if max <= 0 {
		max = MaxRecordSize
	}
	return &Reader{
		br:  bufio.NewReaderSize(r, 1<<16),
		max: max,
		u: gowarc.NewUnmarshaler(
			gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
			gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
			gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore)),
	}
}

// Next returns the next record; io.EOF at the end. A record skipped for a
// reason the archive survives (wrong digest, too large, a response that is
// not HTTP) comes back as a *SkipError; any other error means the archive
// cannot be read further (a truncated or corrupt gzip member, a broken
// header).
func (r *Reader) Next() (Record, error) {
	if _, err := r.br.Peek(1); err == io.EOF {
		return Record{}, io.EOF
	}
	r.at++
	rec, _, validation, err := r.u.Unmarshal(r.br)
	if err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return Record{}, fmt.Errorf("warc: record %d: archive truncated: %w", r.at, io.ErrUnexpectedEOF)
		}
		return Record{}, fmt.Errorf("warc: record %d: %w", r.at, err)
	}
	defer rec.Close()
	h := rec.WarcHeader()
	out := Record{
		Type:        rec.Type().String(),
		ID:          "<" + h.GetId(gowarc.WarcRecordID) + ">",
		TargetURI:   strings.Trim(h.Get(gowarc.WarcTargetURI), "<>"),
		RefersTo:    refersTo(h),
		ContentType: h.Get(gowarc.ContentType),
	}
	out.Date, _ = h.GetTime(gowarc.WarcDate)
	for _, v := range validation {
		var de *gowarc.DigestError
		if errors.As(v, &de) {
			return out, &SkipError{ID: out.ID, Reason: fmt.Errorf("%w: %v", ErrBadDigest, v)}
		}
	}
	if n, _ := h.GetInt64(gowarc.ContentLength); n > r.max {
		return out, &SkipError{ID: out.ID, Reason: fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, n, r.max)}
	}
	if err := r.fill(&out, rec); err != nil {
		return out, err
	}
	return out, nil
}

// fill reads the record's payload: a response's HTTP status, headers and
// body, or any other record's block.
func (r *Reader) fill(out *Record, rec gowarc.WarcRecord) error {
	if rec.Type() == gowarc.Response {
		resp, ok := rec.Block().(gowarc.HttpResponseBlock)
		if !ok || resp.HttpHeader() == nil {
			return &SkipError{ID: out.ID, Reason: ErrNotHTTP}
		}
		out.Status = resp.HttpStatusCode()
		h, err := sentHeader(resp.ProtocolHeaderBytes())
		if err != nil {
			return &SkipError{ID: out.ID, Reason: fmt.Errorf("%w: %v", ErrNotHTTP, err)}
		}
		body, err := resp.PayloadBytes()
		if err != nil {
			return fmt.Errorf("warc: record %s: %w", out.ID, err)
		}
		if renamed(h) {
			out.Header = restoreFraming(h)
		} else {
			out.Header, out.Encoded = h, h.Get("Content-Encoding") != ""
			if chunked(h) {
				body = httputil.NewChunkedReader(body)
			}
		}
		if out.Body, err = io.ReadAll(io.LimitReader(body, r.max)); err != nil {
			// The record was read whole; only its HTTP body is malformed
			// (a broken chunked coding): the archive goes on.
			return &SkipError{ID: out.ID, Reason: fmt.Errorf("%w: body: %v", ErrNotHTTP, err)}
		}
		return nil
	}
	block, err := rec.Block().RawBytes()
	if err != nil {
		return fmt.Errorf("warc: record %s: %w", out.ID, err)
	}
	out.Body, err = io.ReadAll(io.LimitReader(block, r.max))
	return wrapRead(out.ID, err)
}

func wrapRead(id string, err error) error {
	if err != nil {
		return fmt.Errorf("warc: record %s: %w", id, err)
	}
	return nil
}

func refersTo(h *gowarc.WarcFields) string {
	v := h.Get(gowarc.WarcRefersTo)
	if v == "" {
		return ""
	}
	return "<" + strings.Trim(v, "<>") + ">"
}

// sentHeader parses the header block as it was sent: net/http's parser
// (gowarc's HttpHeader) takes Transfer-Encoding out of it.
func sentHeader(block []byte) (http.Header, error) {
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(block)))
	if _, err := tp.ReadLine(); err != nil { // the status line
		return nil, err
	}
	h, err := tp.ReadMIMEHeader()
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return http.Header(h), nil
}

// renamed reports whether a Writer renamed the framing headers: the body
// is then the decoded one.
func renamed(h http.Header) bool {
	for k := range h {
		if strings.HasPrefix(k, OriginalPrefix) {
			return true
		}
	}
	return false
}

func chunked(h http.Header) bool {
	for _, v := range h.Values("Transfer-Encoding") {
		if strings.Contains(strings.ToLower(v), "chunked") {
			return true
		}
	}
	return false
}

// restoreFraming gives back the headers a Writer renamed (OriginalPrefix),
// so a capture read from errata's own archive keeps the headers it was
// stored with. A Content-Length that is not an original one only counts
// the payload written, which the capture's size records anyway: it goes.
func restoreFraming(h http.Header) http.Header {
	h = h.Clone()
	h.Del("Content-Length")
	for _, name := range framing {
		if vs, ok := h[OriginalPrefix+name]; ok {
			delete(h, OriginalPrefix+name)
			h[name] = vs
		}
	}
	return h
}
