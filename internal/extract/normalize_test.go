package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize_Behaviour(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"trims and collapses", "  a \t\n b  ", "a b"},
		{"nbsp and unicode spaces become space", "a\u00a0b\u2009c\u3000d\u202fe", "a b c d e"},
		{"zero-width characters removed", "in\u200bvis\u200cible\u200d\u2060\ufeff", "invisible"},
		{"soft hyphen removed", "extra\u00adordinary", "extraordinary"},
		{"NFD composed to NFC", "cafe\u0301", "caf\u00e9"},
		{"removal lets marks compose", "e\u200b\u0301", "\u00e9"},
		{"en quad is a space", "a\u2000b", "a b"},
		{"only invisible", "\u200b\u00ad", ""},
		{"bidi override removed", "Price \u202e0.99$\u202c today", "Price 0.99$ today"},
		{"embeddings removed", "\u202aleft\u202c \u202bright\u202c", "left right"},
		{"isolates removed", "\u2066a\u2069 \u2067b\u2069 \u2068c\u2069", "a b c"},
		{"removed override lets marks compose", "e\u202e\u0301", "\u00e9"},
		{"directional marks kept", "\u05e9\u05dc\u05d5\u05dd\u200f (2026)\u200e \u0627\u061c", "\u05e9\u05dc\u05d5\u05dd\u200f (2026)\u200e \u0627\u061c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", " a  b ", "e\u200b\u0301", "\u2000x\u00a0", "\xff\xfe", "a\u00adb", "a \u202e b\u2069", "\u2067\u0301x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Normalize(s)
		if again := Normalize(got); again != got {
			t.Errorf("not idempotent: %q -> %q -> %q", s, got, again)
		}
		if got != strings.TrimSpace(got) || strings.Contains(got, "  ") {
			t.Errorf("untrimmed or uncollapsed: %q", got)
		}
		if !utf8.ValidString(got) {
			t.Errorf("invalid UTF-8: %q", got)
		}
	})
}

// A page whose headline, byline and text carry bidi overrides and isolates
// is stored without them, so no page errata shows reads backwards; the
// right-to-left mark inside the Hebrew name stays.
func TestExtract_BidiOverridesNeverReachTheArticle(t *testing.T) {
	a, err := extractFixture(t, "bidi-overrides")
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	for field, s := range map[string]string{"title": a.Title, "byline": a.Byline, "text": a.Text} {
		if i := strings.IndexFunc(s, isBidiOverride); i >= 0 {
			t.Errorf("%s keeps %U: %q", field, []rune(s[i:])[0], s)
		}
	}
	if a.Title != "Council votes to cut bus fares" || a.Byline != "Dana Levi" {
		t.Errorf("title %q, byline %q", a.Title, a.Byline)
	}
	if !strings.Contains(a.Text, "fare to £1.20 from July") || !strings.Contains(a.Text, "\u05db\u05d4\u05df\u200f,") {
		t.Errorf("text lost its words or its right-to-left mark:\n%q", a.Text)
	}
}
