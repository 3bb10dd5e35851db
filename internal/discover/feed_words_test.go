package discover

import "testing"

func TestParseFeed_EntryWordsFromContentElseSummary(t *testing.T) {
	const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
<item><title>Full</title><link>https://n.example/full</link><description>Short teaser here.</description>
<content:encoded><![CDATA[<p>One two three <b>four</b></p><script>var x = "not words";</script><p>five six.</p>]]></content:encoded></item>
<item><title>Teaser</title><link>https://n.example/teaser</link><description>&lt;p&gt;Only a &lt;em&gt;teaser&lt;/em&gt;.&lt;/p&gt;</description></item>
<item><title>Bare</title><link>https://n.example/bare</link></item>
</channel></rss>`
	f, err := ParseFeed([]byte(rss), "https://n.example/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"https://n.example/full": 6, "https://n.example/teaser": 3, "https://n.example/bare": 0}
	for _, l := range f.Links {
		if l.Words != want[l.URL] {
			t.Errorf("%s: %d words, want %d", l.URL, l.Words, want[l.URL])
		}
	}
}
