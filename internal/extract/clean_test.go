package extract

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestTokens_SplitsOnSeparatorsDigitsAndCamelCase(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"div-gpt-ad-1234", []string{"div", "gpt", "ad"}},
		{"adSlot top_banner", []string{"ad", "slot", "top", "banner"}},
		{"ADSlot", []string{"adslot"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsFurnitureByName_MatchesTokensNotSubstrings(t *testing.T) {
	tests := []struct {
		attrs string
		want  bool
	}{
		{`class="ad"`, true},
		{`class="inline-ad"`, true},
		{`id="div-gpt-ad-99"`, true},
		{`class="adSlot"`, true},
		{`data-ad-slot="3"`, true},
		{`data-component="newsletter-signup"`, true},
		{`class="most-read"`, true},
		{`class="comments-area"`, true},
		{`aria-label="Advertisement"`, true},
		{`aria-label="Share on Facebook"`, true},
		{`class="header"`, false},
		{`class="shadow"`, false},
		{`class="load-more download"`, false},
		{`class="gradient-bg"`, false},
		{`class="headline lead"`, false},
		{`data-title="How ads took over the web"`, false},
		{`aria-label="An article about sharing economy platforms"`, false},
		{`class="entry-content"`, false},
		{`class="paywall"`, false},
		{`class="paywall-meter"`, true},
		{`class="box article modal-enabled"`, false},
	}
	for _, tt := range tests {
		n := firstElement(t, `<div `+tt.attrs+`>x</div>`, "div")
		if got := isFurnitureByName(n); got != tt.want {
			t.Errorf("isFurnitureByName(%s) = %v, want %v", tt.attrs, got, tt.want)
		}
	}
}

func TestRemoveFurniture_KeepsWrapperHoldingMostText(t *testing.T) {
	body := strings.Repeat("<p>Long real paragraph of the story that goes on and on for a while.</p>", 12)
	page := `<html><body><div class="story has-comments">` + body + `</div><div class="ad">Ad</div></body></html>`
	doc, _ := html.Parse(strings.NewReader(page))
	removeFurniture(doc)
	text := textOf(doc)
	if !strings.Contains(text, "Long real paragraph") {
		t.Error("article wrapper with a furniture token was removed")
	}
	if strings.Contains(text, "Ad") {
		t.Error("ad box was kept")
	}
}

func TestRemoveFurniture_KeepsBoxHoldingHeadline(t *testing.T) {
	page := `<html><body><div class="share-frame"><h1>Headline</h1><p>Story.</p></div></body></html>`
	doc, _ := html.Parse(strings.NewReader(page))
	removeFurniture(doc)
	if !strings.Contains(textOf(doc), "Story.") {
		t.Error("box holding the <h1> was removed")
	}
}

func TestRemoveFurniture_RemovesHiddenAndChrome(t *testing.T) {
	page := `<html><body><p>keep</p><div hidden>h1</div><span aria-hidden="true">h2</span>` +
		`<div style="display: none">h3</div><nav>h4</nav><aside>h5</aside><form>h6</form>` +
		`<button>h7</button><noscript>h8</noscript><iframe>h9</iframe></body></html>`
	doc, _ := html.Parse(strings.NewReader(page))
	removeFurniture(doc)
	if got := strings.TrimSpace(textOf(doc)); got != "keep" {
		t.Errorf("text after cleaning = %q, want %q", got, "keep")
	}
}

func firstElement(t *testing.T, fragment, tag string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(fragment))
	if err != nil {
		t.Fatal(err)
	}
	var found *html.Node
	walkElements(doc, func(n *html.Node, _ bool) {
		if found == nil && n.Data == tag {
			found = n
		}
	})
	if found == nil {
		t.Fatalf("no <%s> in %s", tag, fragment)
	}
	return found
}
