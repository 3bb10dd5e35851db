package extract

import (
	"testing"

	"github.com/errata/errata/internal/model"
)

func TestArticleBlocks_NameEachParagraphsPlace(t *testing.T) {
	page := []byte(`<html><head><title>Bridge closed</title></head><body><div class="site-9f3a">
<article class="story"><h1>Bridge closed</h1>
<p>Police closed the Harbour Street bridge on Monday after engineers found a crack in one of its supports.</p>
<aside class="promo"><p>Join 12,000 readers of our morning briefing.</p></aside>
<p>The city said traffic would be diverted through the old town for at least a week while repairs are planned.</p>
</article></div></body></html>`)
	art, err := Extract("https://example.com/bridge", page, model.Rules{})
	if err != nil {
		t.Fatal(err)
	}
	places := map[string]string{}
	for _, b := range art.Blocks() {
		places[b.Text] = b.Path
	}
	if got := places["Police closed the Harbour Street bridge on Monday after engineers found a crack in one of its supports."]; got != "body>div.site-#f#a>article.story>p" {
		t.Errorf("body paragraph at %q", got)
	}
	if got, ok := places["Join 12,000 readers of our morning briefing."]; ok && got != "div.site-#f#a>article.story>aside.promo>p" {
		t.Errorf("prompt at %q", got)
	}
}
