package web

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/errata/errata/internal/browsertest"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// phoneWidth is the CSS width of a common phone held upright.
const phoneWidth = 390

// browserBound is how long one browser test may drive its pages: ample
// on a machine busy with other builds, and still an end.
const browserBound = 3 * time.Minute

// chronicle is an outlet name longer than a phone is wide.
const chronicle = "The Extraordinarily Long-Named Metropolitan Evening Chronicle and Advertiser"

// pageCase is one page type the browser tests load.
type pageCase struct{ name, path string }

// browserPages seeds what stretches a narrow page (an outlet with a long
// name, unbroken words in a headline and a text, a long URL, a check with
// a long error, learned furniture with a long key) and returns one path
// of every page type.
func browserPages(t *testing.T, f *fixture) []pageCase {
	t.Helper()
	ctx := context.Background()
	word := strings.Repeat("Supercalifragilistic", 4)
	if _, err := f.store.EnsureOutlet(ctx, chronicle, "www.metropolitan-evening-chronicle.example:8443"); err != nil {
		t.Fatal(err)
	}
	long := seedArticle(t, f.store, chronicle,
		"https://chronicle.example/news/2026/11/20/"+strings.Repeat("a-very-long-slug-", 8)+"end", []draft{
			{"Councillors debate the " + word + " budget", "By A Correspondent", "First paragraph.\n\n" + word + " second paragraph."},
			{"Councillors reject the " + word + " budget", "By A Correspondent and " + word,
				"First paragraph, revised.\n\n" + word + " second paragraph with more words.\n\nA new paragraph " + word + "."},
		})
	a, err := f.store.Article(ctx, long.ID)
	if err != nil {
		t.Fatal(err)
	}
	read := a.LastChecked
	a.LastChecked = a.LastChecked.Add(time.Minute)
	if _, err := f.store.Record(ctx, store.CheckRecord{Article: a, IfLastChecked: &read, Check: model.Check{
		At: a.LastChecked, Status: 503, Outcome: model.OutcomeError,
		Error: "fetch https://chronicle.example/" + strings.Repeat("segment/", 12) + ": 503 Service Unavailable",
	}}); err != nil {
		t.Fatal(err)
	}
	if err := f.store.Learn(ctx, []model.Furniture{{OutletID: long.OutletID, Kind: "path", Origin: "template",
		Key: "html>body>div.page-wrapper>main#content>article.story>aside.related-stories-panel-with-a-long-class-name>ul>li"}}, t0); err != nil {
		t.Fatal(err)
	}
	id := f.mayor.ID
	return []pageCase{
		{"front", "/"},
		{"front-filtered", "/?class=headline,byline&minor=yes"},
		{"outlets", "/outlets"},
		{"outlet", outletPath(chronicle)},
		{"article", fmt.Sprintf("/articles/%d", long.ID)},
		{"article-mayor", fmt.Sprintf("/articles/%d", id)},
		{"version", fmt.Sprintf("/articles/%d/v/1", long.ID)},
		{"diff", fmt.Sprintf("/articles/%d/diff/0/1", long.ID)},
		{"diff-mayor", fmt.Sprintf("/articles/%d/diff/1/2", id)},
		{"diff-inline", fmt.Sprintf("/articles/%d/diff/0/1?view=inline", long.ID)},
		{"search", "/search?q=budget"},
		{"stories", "/stories"},
		{"admin", "/admin"},
		{"error", "/articles/999"},
	}
}

// shotDir is where screenshots go for a person to look at them:
// ERRATA_SCREENSHOTS, or "" (take none) when it is not set.
func shotDir(t *testing.T) string {
	d := os.Getenv("ERRATA_SCREENSHOTS")
	if d == "" {
		return ""
	}
	if err := os.MkdirAll(d, 0o755); err != nil {
		t.Fatal(err)
	}
	return d
}

// open loads path and waits until the page and its stylesheet are in.
func open(ctx context.Context, base, path string) error {
	return chromedp.Do(ctx, chromedp.Navigate(base+path),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Poll[bool](`document.readyState === "complete"`)(ctx, t)
			return err
		}))
}

// fullPageShot saves a screenshot of the whole page at the phone's width
// in dir, if one is set: the viewport grows to the page's height first.
func fullPageShot(ctx context.Context, dir, name string) error {
	if dir == "" {
		return nil
	}
	path := filepath.Join(dir, name+".png")
	h, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollHeight`))
	if err != nil {
		return err
	}
	return chromedp.Do(ctx, browsertest.Phone(phoneWidth, min(max(h, 844), 6000)),
		browsertest.Screenshot(path), browsertest.Phone(phoneWidth, 844))
}

type widthReport struct {
	ScrollWidth int      `json:"scrollWidth"`
	Wide        []string `json:"wide"`
	Scrollers   []string `json:"scrollers"` // boxes that scroll sideways themselves
}

// measureWidth reads the page's scroll width and, to say why, the
// elements whose box ends past the viewport outside a scrolling box.
const measureWidth = `(() => {
	const vw = document.documentElement.clientWidth;
	const inScroller = el => { for (let p = el.parentElement; p; p = p.parentElement) {
		if (getComputedStyle(p).overflowX === "auto" || getComputedStyle(p).overflowX === "scroll") return true; } return false; };
	const wide = [...document.body.querySelectorAll("*")]
		.filter(el => el.getBoundingClientRect().right > vw + 0.5 && !inScroller(el))
		.slice(0, 5)
		.map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " right=" + Math.round(el.getBoundingClientRect().right));
	const scrollers = [...document.querySelectorAll(".table-wrap")]
		.filter(el => el.scrollWidth > el.clientWidth)
		.map(el => el.firstElementChild.className + " " + el.scrollWidth + ">" + el.clientWidth);
	return {scrollWidth: document.documentElement.scrollWidth, wide, scrollers};
})()`

// Every page type fits a 390 px phone: the page never scrolls sideways;
// a table wider than the screen scrolls inside its own box.
func TestBrowser_EveryPageFitsAPhoneWidth(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx := browsertest.Start(t)
	f := newFixture(t, Config{AdminToken: "secret"})
	pages := browserPages(t, f)
	shots := shotDir(t)
	tctx, cancel := context.WithTimeout(ctx, browserBound)
	defer cancel()
	if err := chromedp.Do(tctx, browsertest.Phone(phoneWidth, 844)); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if err := open(tctx, f.ts.URL, p.path); err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		w, err := chromedp.Run(tctx, chromedp.Evaluate[widthReport](measureWidth))
		if err != nil {
			t.Fatalf("%s: %v", p.path, err)
		}
		if w.ScrollWidth > phoneWidth {
			t.Errorf("%s (%s): page is %d px wide on a %d px phone; past the edge: %s",
				p.name, p.path, w.ScrollWidth, phoneWidth, strings.Join(w.Wide, ", "))
		}
		// The outlet list reflows rather than scroll: it is the page.
		if p.name == "outlets" && len(w.Scrollers) > 0 {
			t.Errorf("/outlets scrolls sideways inside its box: %s", strings.Join(w.Scrollers, ", "))
		}
		if err := fullPageShot(tctx, shots, "phone-"+p.name); err != nil {
			t.Fatalf("%s: screenshot: %v", p.path, err)
		}
	}
	if shots != "" {
		t.Logf("screenshots in %s", shots)
	}
}

type colours struct {
	Background string `json:"background"`
	Text       string `json:"text"`
}

// luminance is the relative luminance (0 black, 1 white) of a computed
// "rgb(r, g, b)" or "rgba(r, g, b, a)" colour.
func luminance(t *testing.T, css string) float64 {
	t.Helper()
	var r, g, b float64
	inner := css[strings.Index(css, "(")+1 : strings.Index(css, ")")]
	if _, err := fmt.Sscanf(strings.ReplaceAll(inner, ",", " "), "%g %g %g", &r, &g, &b); err != nil {
		t.Fatalf("colour %q: %v", css, err)
	}
	return (0.2126*r + 0.7152*g + 0.0722*b) / 255
}

const readColours = `({background: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.body).color})`

// With the system set to dark, every page is light text on a dark
// background; with it set to light, the same pages are dark on light,
// which shows the emulation is what made the difference.
func TestBrowser_DarkModeFollowsTheSystemSetting(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx := browsertest.Start(t)
	f := newFixture(t, Config{AdminToken: "secret"})
	pages := browserPages(t, f)
	shots := shotDir(t)
	tctx, cancel := context.WithTimeout(ctx, browserBound)
	defer cancel()
	if err := chromedp.Do(tctx, browsertest.Phone(phoneWidth, 844)); err != nil {
		t.Fatal(err)
	}
	for _, scheme := range []string{"light", "dark"} {
		if err := chromedp.Do(tctx, browsertest.Media("", map[string]string{"prefers-color-scheme": scheme})); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if err := open(tctx, f.ts.URL, p.path); err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			c, err := chromedp.Run(tctx, chromedp.Evaluate[colours](readColours))
			if err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			bg, fg := luminance(t, c.Background), luminance(t, c.Text)
			dark := bg < 0.15 && fg > 0.7
			light := bg > 0.9 && fg < 0.2
			if (scheme == "dark" && !dark) || (scheme == "light" && !light) {
				t.Errorf("%s, %s scheme: background %s, text %s", p.path, scheme, c.Background, c.Text)
			}
			if scheme == "dark" {
				if err := fullPageShot(tctx, shots, "dark-"+p.name); err != nil {
					t.Fatalf("%s: screenshot: %v", p.path, err)
				}
			}
		}
	}
	// Boxes drawn on the page (the filter form) follow the scheme too.
	if err := open(tctx, f.ts.URL, "/"); err != nil {
		t.Fatal(err)
	}
	form, err := chromedp.Run(tctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("form.filters")).backgroundColor`))
	if err != nil || luminance(t, form) > 0.2 {
		t.Errorf("filter form in dark mode: background %s, %v", form, err)
	}
	if shots != "" {
		t.Logf("screenshots in %s", shots)
	}
}

type printStyle struct {
	Nav     string `json:"nav"`
	Ins     string `json:"ins"`
	Del     string `json:"del"`
	InsBack string `json:"insBack"`
	DelBack string `json:"delBack"`
	InsInk  string `json:"insInk"`
}

// Printed, a diff keeps its changes readable in black and white:
// insertions underlined, deletions struck through, no tinted background,
// and no navigation.
func TestBrowser_PrintMarksChangesWithoutColour(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx := browsertest.Start(t)
	f := newFixture(t, Config{})
	tctx, cancel := context.WithTimeout(ctx, browserBound)
	defer cancel()
	for _, view := range []string{"", "?view=inline"} {
		path := fmt.Sprintf("/articles/%d/diff/1/2%s", f.mayor.ID, view)
		if err := chromedp.Do(tctx, browsertest.Media("print", nil)); err != nil {
			t.Fatal(err)
		}
		if err := open(tctx, f.ts.URL, path); err != nil {
			t.Fatal(err)
		}
		st, err := chromedp.Run(tctx, chromedp.Evaluate[printStyle](`(() => {
			const s = sel => getComputedStyle(document.querySelector(sel));
			return {nav: s(".masthead nav").display, ins: s("main ins").textDecorationLine, del: s("main del").textDecorationLine,
				insBack: s("main ins").backgroundColor, delBack: s("main del").backgroundColor, insInk: s("main ins").color};
		})()`))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if st.Nav != "none" || !strings.Contains(st.Ins, "underline") || !strings.Contains(st.Del, "line-through") ||
			st.InsBack != "rgba(0, 0, 0, 0)" || st.DelBack != "rgba(0, 0, 0, 0)" || luminance(t, st.InsInk) > 0.05 {
			t.Errorf("%s printed: %+v", path, st)
		}
	}
}
