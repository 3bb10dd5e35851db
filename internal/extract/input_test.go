package extract

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

func TestCheckHTML_RefusesWhatIsNotAPage(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		ok   bool
	}{
		{"elf executable", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00", false},
		{"png image", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", false},
		{"control characters without NUL", "\x1b\x02\x03\x04\x05\x06<p>x</p>\x07\x08\x0e\x0f\x10\x11", false},
		{"plain text", "Police closed the bridge on Monday.\nIt will reopen Friday.\n", false},
		{"empty", "", false},
		{"less-than sign only", "3 < 4 and 5 > 2", false},
		{"html page", "<!DOCTYPE html><html><body><p>Hi</p></body></html>", true},
		{"fragment", "<p>Police closed the bridge.</p>", true},
		{"xhtml", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", true},
		{"latin-1 bytes", "<html><body><p>caf\xe9 cr\xe8me br\xfbl\xe9e</p></body></html>", true},
		{"form feed and tabs", "<html>\f\t<body>\r\n<p>x</p></body></html>", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkHTML([]byte(c.in))
			if c.ok && err != nil {
				t.Errorf("refused: %v", err)
			}
			if !c.ok && !errors.Is(err, ErrNotHTML) {
				t.Errorf("err = %v, want ErrNotHTML", err)
			}
		})
	}
}

// gzipped compresses s as a .gz file would hold it.
func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Name = "archive.html"
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// asDecoded is b as the fetcher hands a body without a declared charset to
// the extractor: read as windows-1252 when it is not UTF-8.
func asDecoded(t *testing.T, b []byte) []byte {
	t.Helper()
	if utf8.Valid(b) {
		return b
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCheckHTML_NamesTheFormatOfBinaryFiles(t *testing.T) {
	page := strings.Repeat("<p>An archived page of the council's minutes.</p>\n", 200)
	gz := gzipped(t, page)
	// A PDF whose first kilobytes are text: no NUL, no control character,
	// and "<</" looks like markup.
	pdf := "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n" +
		strings.Repeat("2 0 obj\n<</Type /Pages /Kids [3 0 R] /Count 1>>\nendobj\n", 50)
	for _, c := range []struct {
		name, in, want string
	}{
		{"gzip file, raw bytes", string(gz), "gzip-compressed data"},
		{"gzip file read as windows-1252", string(asDecoded(t, gz)), "gzip-compressed data"},
		{"gzip file with invalid UTF-8 replaced", string(bytes.ToValidUTF8(gz, []byte("\uFFFD"))), "gzip-compressed data"},
		{"PDF with a text head", pdf, "PDF document"},
		{"PDF read as windows-1252", string(asDecoded(t, []byte(pdf))), "PDF document"},
		{"zip archive", "PK\x03\x04\x14\x00\x08\x08\x08\x00<p>", "zip archive"},
		{"GIF image", "GIF89a\x01\x01\x01\x01<p>", "GIF image"},
		{"WebP image", "RIFF\x24\x24\x24\x24WEBPVP8 <p>", "RIFF media"},
		{"PNG read as windows-1252", string(asDecoded(t, []byte("\x89PNG\r\n\x1a\n\x01\x01\x01\rIHDR<p>"))), "PNG image"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkHTML([]byte(c.in))
			if !errors.Is(err, ErrNotHTML) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want ErrNotHTML naming %q", err, c.want)
			}
		})
	}
}

func TestCheckHTML_TextStartingOutsideASCIIIsNoFileSignature(t *testing.T) {
	for _, in := range []string{
		"Ελλάδα: <p>Η βουλή ψήφισε.</p>",
		"«Nous partons» <p>a dit le maire.</p>",
		"東京 <p>雨が降った。</p>",
	} {
		if f := sniffFormat([]byte(in)); f != "" {
			t.Errorf("%q taken for %s", in, f)
		}
	}
	for _, s := range signatures {
		ascii := 0
		for i := range len(s.magic) {
			if s.magic[i] < utf8.RuneSelf {
				ascii++
			}
		}
		if ascii < 2 {
			t.Errorf("signature of %s has %d ASCII bytes; it would match text", s.format, ascii)
		}
	}
}

func TestCheckHTML_DecidesXMLByItsRootElement(t *testing.T) {
	for _, c := range []struct {
		name, in string
		ok       bool
	}{
		{"rss with an internal DTD subset", `<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss [ <!ENTITY nbsp "&#160;"> <!ENTITY copy "&#169;"> ]>
<rss version="2.0"><channel><title>News</title><item><title>A</title><description>&lt;p&gt;Hi&lt;/p&gt;</description></item></channel></rss>`, false},
		{"rss after comments", "<!-- generated --><?xml-stylesheet href=\"feed.xsl\"?>\n<rss><channel><title>x</title></channel></rss>", false},
		{"atom feed", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><entry><content type="html">&lt;p&gt;Hi&lt;/p&gt;</content></entry></feed>`, false},
		{"rdf feed", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>`, false},
		{"sitemap", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/a</loc></url></urlset>`, false},
		{"sitemap index", `<sitemapindex><sitemap><loc>https://x.example/s.xml</loc></sitemap></sitemapindex>`, false},
		{"svg image", `<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"><title>x</title><text>Hi</text></svg>`, false},
		{"svg without namespace", `<svg viewBox="0 0 10 10"><text>Hi</text></svg>`, false},
		{"xhtml with declaration and doctype", `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en"><body><p>Hi</p></body></html>`, true},
		{"word-processor html namespace", `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns="http://www.w3.org/TR/REC-html40"><body><p>Hi</p></body></html>`, true},
		{"xhtml body element first", `<body xmlns="http://www.w3.org/1999/xhtml"><p>Hi</p></body>`, true},
		{"upper-case html", "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n<HTML><BODY><P>Hi</BODY></HTML>", true},
		{"unquoted attributes", "<!doctype html><html lang=en class=no-js><p>Hi", true},
		{"custom element first", "<news-story><p>Hi</p></news-story>", true},
		{"comment with double dash", "<!-- a -- b --><html><p>Hi</p></html>", true},
		{"text before markup", "Breaking: <b>bridge closed</b>", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkHTML([]byte(c.in))
			if c.ok && err != nil {
				t.Errorf("refused: %v", err)
			}
			if !c.ok && (!errors.Is(err, ErrNotHTML) || !strings.Contains(err.Error(), "XML document rooted at")) {
				t.Errorf("err = %v, want ErrNotHTML naming the root", err)
			}
		})
	}
}
