package card

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// cardsDir, when set, is where TestCard_Examples writes its cards so they
// can be looked at: go test ./internal/card -run Examples -cards /tmp/cards
var cardsDir = flag.String("cards", "", "write the example cards to this directory")

var exampleAt = time.Date(2026, 12, 5, 18, 42, 0, 0, time.UTC)

// exampleChange compares two versions the way the web server does.
func exampleChange(outlet, oldTitle, newTitle, oldText, newText string) Change {
	return ForVersions(outlet,
		model.Version{Seq: 0, Title: oldTitle, Text: oldText},
		model.Version{Seq: 1, FetchedAt: exampleAt, Title: newTitle, Text: newText}, nil)
}

// examples are one change per script family. Immutable table.
var examples = map[string]Change{
	"latin": exampleChange("The Daily Example",
		"Minister resigns after budget row",
		"Minister quits after row over budget cuts",
		"The minister resigned on Tuesday evening after a week of disagreement over the budget.\n\nHe said he had no regrets. Officials declined to comment.\n\nThe vote is expected next month.",
		"The minister resigned on Tuesday night after two weeks of disagreement over proposed budget cuts.\n\nHe said he had no regrets and would remain in parliament. Officials declined to comment.\n\nThe vote is now expected in January."),
	"arabic": exampleChange("الجريدة اليومية",
		"الوزير يستقيل بعد خلاف حول الميزانية",
		"الوزير يستقيل بعد خلاف حاد حول تخفيضات الميزانية",
		"استقال الوزير مساء الثلاثاء بعد أسبوع من الخلاف حول الميزانية.\n\nوقال إنه لا يشعر بالندم.",
		"استقال الوزير ليلة الثلاثاء بعد أسبوعين من الخلاف حول الميزانية.\n\nوقال إنه لا يشعر بالندم وسيبقى في البرلمان."),
	"hebrew": exampleChange("העיתון היומי",
		"השר התפטר לאחר מחלוקת על התקציב",
		"השר התפטר לאחר מחלוקת חריפה על קיצוצי התקציב",
		"השר התפטר ביום שלישי בערב לאחר שבוע של מחלוקת על התקציב.\n\nהוא אמר שאינו מתחרט.",
		"השר התפטר ביום שלישי בלילה לאחר שבועיים של מחלוקת על התקציב.\n\nהוא אמר שאינו מתחרט ושיישאר בכנסת."),
	"chinese": exampleChange("每日新闻",
		"部长因预算争议辞职",
		"部长因削减预算的激烈争议辞职",
		"部长在星期二晚上辞职，此前围绕预算的分歧持续了一周。\n\n他表示并不后悔。",
		"部长在星期二深夜辞职，此前围绕削减预算的分歧持续了两周。\n\n他表示并不后悔，并将继续留在议会。"),
	"japanese": exampleChange("毎日ニュース",
		"大臣が予算をめぐる対立で辞任",
		"大臣が予算削減をめぐる激しい対立で辞任",
		"大臣は火曜日の夜、予算をめぐる一週間の対立の末に辞任した。\n\n後悔はないと述べた。",
		"大臣は火曜日の深夜、予算削減をめぐる二週間の対立の末に辞任した。\n\n後悔はないと述べ、議会に残ると語った。"),
}

func TestCard_Examples(t *testing.T) {
	if *cardsDir == "" {
		t.Skip("no -cards directory")
	}
	r := newTestRenderer(t)
	if err := os.MkdirAll(*cardsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, c := range examples {
		for _, s := range []Size{Wide, Phone} {
			b, err := r.PNG(c, s)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(*cardsDir, name+"-"+s.String()+".png"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func newTestRenderer(t testing.TB) *Renderer {
	t.Helper()
	r := &Renderer{}
	if _, err := loadFonts(); err != nil {
		t.Fatal(err)
	}
	return r
}
