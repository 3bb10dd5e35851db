package web

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/errata/errata/internal/browsertest"
)

type imageSize struct {
	Width  int `json:"width"`
	Height int `json:"height"`
}

// A browser following a diff page's og:image gets the card: a PNG it
// decodes at 1200×630, and 1080×1350 with ?size=phone. With
// ERRATA_SCREENSHOTS set, both are saved as the browser shows them.
func TestBrowser_DiffPageCardLoadsAtDesktopAndPhoneSizes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx := browsertest.Start(t)
	f := newFixture(t, Config{})
	tctx, cancel := context.WithTimeout(ctx, browserBound)
	defer cancel()
	if err := open(tctx, f.ts.URL, fmt.Sprintf("/articles/%d/diff/0/1", f.mayor.ID)); err != nil {
		t.Fatal(err)
	}
	image, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.querySelector('meta[property="og:image"]').content`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(image, f.ts.URL+"/") {
		t.Fatalf("og:image %q is not an absolute link to this server", image)
	}
	shots := shotDir(t)
	for _, tc := range []struct {
		name, url string
		want      imageSize
	}{
		{"desktop", image, imageSize{1200, 630}},
		{"phone", image + "?size=phone", imageSize{1080, 1350}},
	} {
		if err := chromedp.Do(tctx, chromedp.Navigate(tc.url)); err != nil {
			t.Fatalf("%s: %v", tc.url, err)
		}
		got, err := chromedp.Run(tctx, chromedp.Poll[imageSize](
			`document.images.length && document.images[0].complete && document.images[0].naturalWidth ? {width: document.images[0].naturalWidth, height: document.images[0].naturalHeight} : null`))
		if err != nil {
			t.Fatalf("%s: %v", tc.url, err)
		}
		if got != tc.want {
			t.Errorf("%s card decodes as %dx%d, want %dx%d", tc.name, got.Width, got.Height, tc.want.Width, tc.want.Height)
		}
		if shots != "" {
			if err := chromedp.Do(tctx, browsertest.Screenshot(filepath.Join(shots, "card-"+tc.name+".png"))); err != nil {
				t.Fatalf("%s: screenshot: %v", tc.name, err)
			}
		}
	}
}
