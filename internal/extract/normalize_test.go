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
	for _, s := range []string{"", " a  b ", "e\u200b\u0301", "\u2000x\u00a0", "\xff\xfe", "a\u00adb"} {
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
