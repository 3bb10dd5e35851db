package tlog

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	sumtlog "golang.org/x/mod/sumdb/tlog"
)

// LeafFormat is the first line of every leaf: it names the encoding, so a
// later change of fields is a new format, never a silent reinterpretation.
const LeafFormat = "errata-log-leaf v1"

// VersionLeaf is what the log records of a version: enough to recognise
// the row and its text, not the text itself.
type VersionLeaf struct {
	ArticleID   int64
	URL         string // the article's URL when the version was recorded
	Seq         int
	FetchedAt   time.Time
	Title       string
	Byline      string
	Text        string // hashed with SHA-256 into the leaf
	CaptureHash string
	Classes     []string
	// Modified is when the page said it was last changed (zero: it said
	// nothing); a stealth edit rests on it, so it is evidence too.
	Modified time.Time
}

// CaptureLeaf is what the log records of a capture; the body is covered by
// its content address, Hash.
type CaptureLeaf struct {
	Hash      string
	URL       string
	Status    int
	FetchedAt time.Time
	Size      int64
}

// Encode returns the version's leaf data: LeafFormat, then one "name value"
// line per field in a fixed order, strings quoted as Go string literals
// (so no value can span lines), times as Unix nanoseconds in UTC and the
// text as the lower-case hex SHA-256 of its UTF-8 bytes.
func (v VersionLeaf) Encode() []byte {
	sum := sha256.Sum256([]byte(v.Text))
	var b leafBuilder
	b.line("kind", "version")
	b.line("article", strconv.FormatInt(v.ArticleID, 10))
	b.quoted("url", v.URL)
	b.line("seq", strconv.Itoa(v.Seq))
	b.line("fetched", nanos(v.FetchedAt))
	b.quoted("title", v.Title)
	b.quoted("byline", v.Byline)
	b.line("text", "sha256:"+hex.EncodeToString(sum[:]))
	b.quoted("capture", v.CaptureHash)
	b.quoted("classes", strings.Join(v.Classes, ","))
	b.line("modified", nanos(v.Modified))
	return b.bytes()
}

// Encode returns the capture's leaf data, in the form VersionLeaf.Encode
// describes.
func (c CaptureLeaf) Encode() []byte {
	var b leafBuilder
	b.line("kind", "capture")
	b.quoted("hash", c.Hash)
	b.quoted("url", c.URL)
	b.line("status", strconv.Itoa(c.Status))
	b.line("fetched", nanos(c.FetchedAt))
	b.line("size", strconv.FormatInt(c.Size, 10))
	return b.bytes()
}

// PurgeLeaf is what the log records when an article is purged on request:
// the rows deleted, so that their absence is explained and public rather
// than silent.
type PurgeLeaf struct {
	ArticleID int64
	URL       string
	Versions  []int64  // ids of the versions deleted
	Captures  []string // hashes of the captures deleted
}

// Encode returns the purge's leaf data, in the form VersionLeaf.Encode
// describes; the lists are comma-separated inside one quoted string.
func (p PurgeLeaf) Encode() []byte {
	ids := make([]string, len(p.Versions))
	for i, id := range p.Versions {
		ids[i] = strconv.FormatInt(id, 10)
	}
	var b leafBuilder
	b.line("kind", "purge")
	b.line("article", strconv.FormatInt(p.ArticleID, 10))
	b.quoted("url", p.URL)
	b.quoted("versions", strings.Join(ids, ","))
	b.quoted("captures", strings.Join(p.Captures, ","))
	return b.bytes()
}

// ParsePurgeLeaf reads back a purge leaf's data.
func ParsePurgeLeaf(data []byte) (PurgeLeaf, error) {
	var p PurgeLeaf
	fields := map[string]string{}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 6 || lines[0] != LeafFormat {
		return p, errors.New("tlog: not a purge leaf")
	}
	for _, l := range lines[1:] {
		name, value, _ := strings.Cut(l, " ")
		fields[name] = value
	}
	if fields["kind"] != "purge" {
		return p, errors.New("tlog: not a purge leaf")
	}
	var err error
	var versions, captures string
	if p.ArticleID, err = strconv.ParseInt(fields["article"], 10, 64); err != nil {
		return p, fmt.Errorf("tlog: purge leaf: article: %w", err)
	}
	if p.URL, err = strconv.Unquote(fields["url"]); err != nil {
		return p, fmt.Errorf("tlog: purge leaf: url: %w", err)
	}
	if versions, err = strconv.Unquote(fields["versions"]); err != nil {
		return p, fmt.Errorf("tlog: purge leaf: versions: %w", err)
	}
	if captures, err = strconv.Unquote(fields["captures"]); err != nil {
		return p, fmt.Errorf("tlog: purge leaf: captures: %w", err)
	}
	for _, v := range strings.Split(versions, ",") {
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return p, fmt.Errorf("tlog: purge leaf: version %q", v)
		}
		p.Versions = append(p.Versions, id)
	}
	if captures != "" {
		p.Captures = strings.Split(captures, ",")
	}
	return p, nil
}

// LeafHash is the RFC 6962 hash of leaf data, as the tree stores it.
func LeafHash(data []byte) sumtlog.Hash {
	return sumtlog.RecordHash(data)
}

// nanos renders a time as Unix nanoseconds; the zero time is 0, as the
// store keeps it.
func nanos(t time.Time) string {
	if t.IsZero() {
		return "0"
	}
	return strconv.FormatInt(t.UnixNano(), 10)
}

type leafBuilder struct{ sb strings.Builder }

func (b *leafBuilder) line(name, value string) {
	if b.sb.Len() == 0 {
		b.sb.WriteString(LeafFormat + "\n")
	}
	b.sb.WriteString(name + " " + value + "\n")
}

func (b *leafBuilder) quoted(name, value string) { b.line(name, strconv.Quote(value)) }

func (b *leafBuilder) bytes() []byte { return []byte(b.sb.String()) }
