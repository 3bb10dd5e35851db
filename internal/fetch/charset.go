package fetch

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

const (
	// metaScanLimit is how far into a page <meta charset> is looked for.
	// The HTML spec says 1024 bytes, but real pages put the tag later
	// behind long comments and scripts; 4096 catches them cheaply.
	metaScanLimit = 4096
	// xmlDeclLimit bounds the search for the end of an XML declaration.
	xmlDeclLimit = 1024
	// fallbackCharset is what undeclared, non-UTF-8 pages nearly always are.
	fallbackCharset = "windows-1252"
)

// xmlEncoding finds the encoding pseudo-attribute of an XML declaration.
var xmlEncoding = regexp.MustCompile(`encoding\s*=\s*["']([^"']*)["']`)

// DecodeCharset converts body to UTF-8. The charset comes from, in order: a
// byte order mark, the Content-Type header, a <meta charset> or <meta
// http-equiv> within the first metaScanLimit bytes, an XML declaration.
// Undeclared bodies are UTF-8 when valid, else windows-1252. A declared
// single- or multi-byte charset is ignored when the body is valid UTF-8
// with non-ASCII text: that declaration is wrong, and obeying it would
// turn every accent into mojibake. An unknown charset name is an error
// wrapping ErrCharset. The result is always valid UTF-8.
func DecodeCharset(body []byte, contentType string) ([]byte, error) {
	if enc, rest := sniffBOM(body); enc != nil {
		return decodeWith(enc, rest)
	}
	label := declaredCharset(body, contentType)
	if label == "" {
		if utf8.Valid(body) {
			return body, nil
		}
		label = fallbackCharset
	}
	enc, name := charset.Lookup(label)
	if enc == nil {
		return nil, fmt.Errorf("%w %q", ErrCharset, label)
	}
	if name == "utf-8" || (utf8.Valid(body) && hasNonASCII(body)) {
		return validUTF8(body), nil
	}
	return decodeWith(enc, body)
}

// declaredCharset returns the first charset label a page declares.
func declaredCharset(body []byte, contentType string) string {
	if label := charsetParam(contentType); label != "" {
		return label
	}
	if label := metaCharset(body); label != "" {
		return inDocumentLabel(label)
	}
	return inDocumentLabel(xmlDeclCharset(body))
}

// inDocumentLabel maps UTF-16 declared inside the document to UTF-8, as
// the HTML spec does: bytes that could be read as ASCII to find the
// declaration cannot be UTF-16.
func inDocumentLabel(label string) string {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(label)), "utf-16") {
		return "utf-8"
	}
	return label
}

func sniffBOM(body []byte) (encoding.Encoding, []byte) {
	for _, b := range []struct {
		bom   string
		label string
	}{{"\xef\xbb\xbf", "utf-8"}, {"\xfe\xff", "utf-16be"}, {"\xff\xfe", "utf-16le"}} {
		if bytes.HasPrefix(body, []byte(b.bom)) {
			enc, _ := charset.Lookup(b.label)
			return enc, body[len(b.bom):]
		}
	}
	return nil, body
}

func decodeWith(enc encoding.Encoding, body []byte) ([]byte, error) {
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("fetch: decoding charset: %w", err)
	}
	return validUTF8(out), nil
}

func validUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// charsetParam pulls charset=... out of a Content-Type value. Hand-rolled
// rather than mime.ParseMediaType, which rejects the sloppy headers
// servers send ("text/html;charset=utf-8;").
func charsetParam(contentType string) string {
	i := indexFold(contentType, "charset")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(contentType[i+len("charset"):], " \t")
	if !strings.HasPrefix(rest, "=") {
		return charsetParam(rest)
	}
	rest = strings.TrimLeft(rest[1:], " \t")
	rest = strings.TrimLeft(rest, `"'`)
	if end := strings.IndexAny(rest, `"'; ,`); end >= 0 {
		rest = rest[:end]
	}
	return strings.TrimSpace(rest)
}

// indexFold is strings.Index ignoring ASCII case. Lower-casing the whole
// string first would shift indexes when it holds invalid UTF-8.
func indexFold(s, substr string) int {
	for i := 0; i+len(substr) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(substr)], substr) {
			return i
		}
	}
	return -1
}

// metaCharset finds <meta charset> or <meta http-equiv=content-type> in
// the head of the page.
func metaCharset(body []byte) string {
	z := html.NewTokenizer(bytes.NewReader(body[:min(len(body), metaScanLimit)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			if label := metaTagCharset(z); label != "" {
				return label
			}
		}
	}
}

func metaTagCharset(z *html.Tokenizer) string {
	var content string
	var httpEquiv bool
	for {
		key, val, more := z.TagAttr()
		switch string(key) {
		case "charset":
			return strings.TrimSpace(string(val))
		case "http-equiv":
			httpEquiv = strings.EqualFold(strings.TrimSpace(string(val)), "content-type")
		case "content":
			content = string(val)
		}
		if !more {
			break
		}
	}
	if httpEquiv {
		return charsetParam(content)
	}
	return ""
}

func xmlDeclCharset(body []byte) string {
	head := bytes.TrimLeft(body[:min(len(body), xmlDeclLimit)], " \t\r\n")
	if !bytes.HasPrefix(head, []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return ""
	}
	m := xmlEncoding.FindSubmatch(head[:end])
	if m == nil {
		return ""
	}
	return string(m[1])
}
