package discover

import "testing"

func TestDetect_FromBody(t *testing.T) {
	tests := []struct {
		name string
		body string
		ct   string
		want Kind
	}{
		{"rss2 fixture", string(fixture(t, "rss2.xml")), "text/xml", KindFeed},
		{"atom fixture", string(fixture(t, "atom.xml")), "application/xml", KindFeed},
		{"rdf fixture", string(fixture(t, "rdf.xml")), "", KindFeed},
		{"json feed fixture", string(fixture(t, "jsonfeed.json")), "application/json", KindFeed},
		{"sitemap fixture", string(fixture(t, "sitemap.xml")), "", KindSitemap},
		{"news sitemap fixture", string(fixture(t, "news-sitemap.xml")), "", KindSitemap},
		{"sitemap index fixture", string(fixture(t, "sitemap-index.xml")), "", KindSitemapIndex},
		{"opml fixture", string(fixture(t, "opml-nested.opml")), "", KindOPML},
		{"html fixture", string(fixture(t, "page-canonical.html")), "", KindHTML},
		{"feed served as text/html", `<rss version="2.0"><channel/></rss>`, "text/html; charset=utf-8", KindFeed},
		{"BOM, spaces, comment, stylesheet PI", "\xef\xbb\xbf \n<?xml version=\"1.0\"?><!-- hi --><?xml-stylesheet href=\"a.xsl\"?>\n<rss>", "", KindFeed},
		{"doctype before rss", `<!DOCTYPE rss PUBLIC "-//Netscape" "x.dtd"><rss version="0.91">`, "", KindFeed},
		{"doctype with an internal subset", "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY nbsp \"&#160;\">\n <!ENTITY gt2 '>>'>\n]>\n<rss version=\"2.0\">", "text/xml", KindFeed},
		{"html doctype with a quoted '>'", `<!DOCTYPE html PUBLIC "-//A>B//EN" "x"><html>`, "", KindHTML},
		{"unterminated internal subset", "<!DOCTYPE rss [ <!ENTITY a \"b\">", "", KindUnknown},
		{"html5 doctype lower-case", "<!doctype html><title>x</title>", "", KindHTML},
		{"html without doctype", "<html><head>", "", KindHTML},
		{"head-first html", "<head><meta charset=utf-8>", "", KindHTML},
		{"xhtml with prolog", `<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml">`, "", KindHTML},
		{"upper-case root", "<RSS version=\"2.0\">", "", KindFeed},
		{"unknown root, html content type", "<foo/>", "text/html", KindHTML},
		{"unknown root, no content type", "<foo/>", "", KindUnknown},
		{"plain JSON is not a feed", `{"a": 1}`, "application/json", KindUnknown},
		{"plain text with rss content type", "garbage", "application/rss+xml", KindFeed},
		{"opml by content type", "garbage", "text/x-opml", KindOPML},
		{"empty", "", "", KindUnknown},
		{"bad content type", "garbage", ";;;", KindUnknown},
		{"unterminated comment", "<!-- never ends", "", KindUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.body), tt.ct); got != tt.want {
				t.Errorf("Detect = %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzDetect(f *testing.F) {
	addFixtures(f, "rss2.xml", "sitemap.xml", "opml-nested.opml", "page-canonical.html")
	f.Fuzz(func(t *testing.T, body []byte) {
		_ = Detect(body, "text/html") // must not panic
	})
}
