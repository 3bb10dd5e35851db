package web

import (
	"bytes"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestCard_RouteServesThePNG(t *testing.T) {
	f := newFixture(t, Config{})
	for _, tc := range []struct {
		query         string
		width, height int
	}{
		{"", 1200, 630},
		{"?size=wide", 1200, 630},
		{"?size=phone", 1080, 1350},
	} {
		path := fmt.Sprintf("/articles/%d/diff/0/1.png%s", f.mayor.ID, tc.query)
		resp, body := f.get(t, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", path, resp.StatusCode, body)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "image/png" {
			t.Errorf("%s: Content-Type %q", path, ct)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=") {
			t.Errorf("%s: Cache-Control %q", path, cc)
		}
		etag := resp.Header.Get("ETag")
		if !strings.HasPrefix(etag, `"`) || len(etag) < 10 {
			t.Errorf("%s: ETag %q", path, etag)
		}
		img, err := png.Decode(strings.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if b := img.Bounds(); b.Dx() != tc.width || b.Dy() != tc.height {
			t.Errorf("%s: %v, want %dx%d", path, b, tc.width, tc.height)
		}
		resp, body = f.do(t, http.MethodGet, path, nil, http.Header{"If-None-Match": {etag}})
		if resp.StatusCode != http.StatusNotModified || body != "" {
			t.Errorf("%s with If-None-Match: status %d, %d bytes", path, resp.StatusCode, len(body))
		}
	}
	// Three sizes asked, two distinct cards drawn and kept.
	if n := f.srv.cards.order.Len(); n != 2 {
		t.Errorf("%d cards cached, want 2", n)
	}
}

func TestCard_RouteRefusesWhatIsNotAChange(t *testing.T) {
	f := newFixture(t, Config{})
	id := f.mayor.ID
	for _, tc := range []struct {
		path   string
		status int
	}{
		{"/articles/999999/diff/0/1.png", http.StatusNotFound},
		{fmt.Sprintf("/articles/%d/diff/0/9.png", id), http.StatusNotFound},
		{fmt.Sprintf("/articles/%d/diff/1/1.png", id), http.StatusNotFound},
		{fmt.Sprintf("/articles/%d/diff/0/x.png", id), http.StatusNotFound},
		{fmt.Sprintf("/articles/%d/diff/0/-1.png", id), http.StatusNotFound},
		{fmt.Sprintf("/articles/%d/diff/0/1.png.png", id), http.StatusNotFound},
		{fmt.Sprintf("/articles/%d/diff/0/1.png?size=huge", id), http.StatusBadRequest},
		{fmt.Sprintf("/articles/%d/diff/0/1.png?size=PHONE", id), http.StatusBadRequest},
	} {
		resp, _ := f.get(t, tc.path)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
		}
	}
	resp, _ := f.get(t, fmt.Sprintf("/articles/%d/diff/1/0.png?size=phone", id))
	if want := fmt.Sprintf("/articles/%d/diff/0/1.png?size=phone", id); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
		t.Errorf("reversed card: status %d, Location %q, want 301 to %s", resp.StatusCode, resp.Header.Get("Location"), want)
	}
}

func TestDiffPage_LinkPreviewShowsTheCard(t *testing.T) {
	f := newFixture(t, Config{BaseURL: "https://errata.example/"})
	resp, body := f.get(t, fmt.Sprintf("/articles/%d/diff/0/1", f.mayor.ID))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	mustContain(t, "diff page", body,
		fmt.Sprintf(`<meta property="og:image" content="https://errata.example/articles/%d/diff/0/1.png">`, f.mayor.ID),
		fmt.Sprintf(`<meta property="og:url" content="https://errata.example/articles/%d/diff/0/1">`, f.mayor.ID),
		`<meta property="og:title" content="Mayor quits after stormy budget vote">`,
		`<meta property="og:description" content="Daily Planet changed this article (headline, text added): &#43;3 words, −1 words.">`,
		`<meta name="twitter:card" content="summary_large_image">`,
		`<meta property="og:image:width" content="1200">`,
	)
	// Pages other than diffs have no preview image.
	_, body = f.get(t, fmt.Sprintf("/articles/%d", f.mayor.ID))
	if strings.Contains(body, "og:image") {
		t.Error("article page has an og:image")
	}
}

func TestDiffPage_LinkPreviewEscapesTheOutletsText(t *testing.T) {
	f := newFixture(t, Config{})
	_, body := f.get(t, fmt.Sprintf("/articles/%d/diff/0/1", f.hostile.ID))
	head, _, _ := strings.Cut(body, "</head>")
	for _, raw := range []string{"<script>", "<b>Outlet", `"quotes"`} {
		if strings.Contains(head, raw) {
			t.Errorf("page head holds %q raw", raw)
		}
	}
	mustContain(t, "hostile diff head", head, `og:title" content="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;"`)
	// Its card draws whatever the text holds.
	resp, b := f.get(t, fmt.Sprintf("/articles/%d/diff/0/1.png", f.hostile.ID))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("hostile card: status %d", resp.StatusCode)
	}
	if _, err := png.Decode(bytes.NewReader([]byte(b))); err != nil {
		t.Fatal(err)
	}
}

// Many clients asking at once for a card not yet drawn all get the same
// card, and it is kept once.
func TestCard_ConcurrentRequestsGetOneCard(t *testing.T) {
	f := newFixture(t, Config{})
	path := fmt.Sprintf("/articles/%d/diff/1/2.png", f.mayor.ID)
	const clients = 6
	type result struct {
		status int
		etag   string
		body   string
	}
	results := make(chan result, clients)
	for range clients {
		go func() {
			resp, err := http.Get(f.ts.URL + path)
			if err != nil {
				results <- result{}
				return
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			results <- result{resp.StatusCode, resp.Header.Get("ETag"), string(b)}
		}()
	}
	first := <-results
	if first.status != http.StatusOK {
		t.Fatalf("status %d", first.status)
	}
	for range clients - 1 {
		r := <-results
		if r.status != http.StatusOK || r.etag != first.etag || r.body != first.body {
			t.Errorf("a client got status %d, ETag %q (first: %q), %d bytes", r.status, r.etag, first.etag, len(r.body))
		}
	}
	if n := f.srv.cards.order.Len(); n != 1 {
		t.Errorf("%d cards cached, want 1", n)
	}
}
