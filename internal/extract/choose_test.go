package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// The page's author box carries the class trafilatura looks for first, so
// trafilatura alone returns the box; readability scores the story block
// higher, and the page's description sides with it.
func TestSecondOpinion_RescuesWrongBlock(t *testing.T) {
	const story = "The valley's only maternity ward will stay open"

	page, err := os.ReadFile(filepath.Join("testdata", "structure", "bio-box-vs-body.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	removeFurniture(doc)
	res := runTrafilatura(doc, "https://news.example.com/bio-box-vs-body", true)
	alone := strings.Join(paragraphs(res.ContentNode), "\n")
	if !strings.Contains(alone, "Jane Marlow") || strings.Contains(alone, story) {
		t.Fatalf("fixture no longer shows the case: trafilatura alone returned:\n%s", alone)
	}
	a, err := extractFixture(t, filepath.Join("structure", "bio-box-vs-body"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, story) || strings.Contains(a.Text, "Jane Marlow") {
		t.Errorf("second opinion did not rescue the body; got:\n%s", a.Text)
	}
}

func TestChooseBody(t *testing.T) {
	article := []string{
		"The council approved the new budget on Monday after a long debate about the cost of repairing the harbour wall.",
		"Councillors agreed to raise parking charges to pay for the work, which will start in the spring and last a year.",
		"Shop owners on the quay said higher charges would keep visitors away, and asked for the first hour to stay free.",
	}
	box := []string{"Jane Marlow has reported on the council for the Courier since 2009 and lives by the harbour."}
	ticker := []string{"10:42 Road closed after lorry overturns", "10:15 Council tax to rise", "09:58 Rugby club names new coach"}
	menu := "Home News Sport Opinion Weather Business Culture Travel Contact Jobs Notices Archive Podcasts Puzzles Video"
	runOn := append([]string{menu, menu, menu}, article...)
	runOn = append(runOn, menu, menu, menu)
	ev := evidence{description: wordBag("The council approved the new budget on Monday.")}
	tests := []struct {
		name       string
		a, b, want []string
	}{
		{"agreement keeps trafilatura", article, article[1:], article},
		{"no second body keeps trafilatura", box, nil, box},
		{"disjoint bodies go to the evidence", box, article, article},
		{"a ticker gives way to the article", ticker, article, article},
		{"disjoint bodies stay when evidence favours trafilatura", article, box, article},
		{"a single line of the article gives way to it", article[1:2], article, article},
		{"run-on trafilatura is cut to the agreed stretch", runOn, article, article},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := chooseBody(tt.a, tt.b, ev, ReadingOther)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("chooseBody = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestChooseBody_OverlappingBodiesFollowThePreferredReading(t *testing.T) {
	article := []string{
		"The council approved the budget on Tuesday after a long debate about roads and schools.",
		"Roads and bridges",
		"Spending on roads rises by a tenth, the largest increase in a decade, officials said.",
		"Schools",
		"Schools get two new buildings, to open in the autumn of next year, the plan says.",
	}
	// trafilatura keeps the byline and drops the subheadings; readability
	// keeps the subheadings: both are the article.
	first := []string{"By Ann Smith, published on Monday", article[0], article[2], article[4]}
	var ev evidence
	for _, c := range []struct {
		prefer Reading
		want   []string
		got    Reading
	}{
		{ReadingOther, first, ReadingFirst},
		{ReadingFirst, first, ReadingFirst},
		{ReadingSecond, article, ReadingSecond},
	} {
		body, reading, either := chooseBody(first, article, ev, c.prefer)
		if strings.Join(body, "\n") != strings.Join(c.want, "\n") || reading != c.got || !either {
			t.Errorf("prefer %s: %q (%s, either %v), want %q (%s, either)", c.prefer, body, reading, either, c.want, c.got)
		}
	}
	// A body that is another block of the page is never taken for a
	// preference.
	box := []string{"Most read", "Ten things to do this weekend in the city", "Weather: rain all week long"}
	if body, reading, either := chooseBody(box, article, ev, ReadingFirst); reading == ReadingFirst || either {
		t.Errorf("a box preferred over the article: %q (%s, either %v)", body, reading, either)
	}
}
