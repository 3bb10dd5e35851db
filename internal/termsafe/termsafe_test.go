package termsafe

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestLineAndText_ShowControlsVisibly(t *testing.T) {
	tests := []struct {
		name, in, line, text string
	}{
		{"plain text unchanged", "Zürich — “quoted” 東京 1,204", "Zürich — “quoted” 東京 1,204", "Zürich — “quoted” 東京 1,204"},
		{"OSC window title", "\x1b]0;pwned\x07title", `\x1b]0;pwned\x07title`, `\x1b]0;pwned\x07title`},
		{"CSI clear screen", "a\x1b[2Jb", `a\x1b[2Jb`, `a\x1b[2Jb`},
		{"C1 CSI", "a\u009b31mb", `a\u009b31mb`, `a\u009b31mb`},
		{"C1 NEL and DEL", "x\u0085y\x7fz", `x\u0085y\x7fz`, `x\u0085y\x7fz`},
		{"bidi override and isolate", "abc\u202edef\u2067g", `abc\u202edef\u2067g`, `abc\u202edef\u2067g`},
		{"bidi marks kept", "\u05e9\u200f (2026)\u200e \u0627\u061c", "\u05e9\u200f (2026)\u200e \u0627\u061c", "\u05e9\u200f (2026)\u200e \u0627\u061c"},
		{"line breaks and tabs", "one\ntwo\tthree", `one\ntwo\tthree`, "one\ntwo\tthree"},
		{"carriage return overwrites", "safe\rpwned", `safe\rpwned`, `safe\rpwned`},
		{"unicode line separator", "a\u2028b", `a\u2028b`, `a\u2028b`},
		{"byte that is not UTF-8", "a\x9bb", `a\x9bb`, `a\x9bb`},
		{"replacement character kept", "a\ufffdb", "a\ufffdb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Line(tt.in); got != tt.line {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.line)
			}
			if got := Text(tt.in); got != tt.text {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.text)
			}
		})
	}
}

func TestJSON_EscapesWhatTheEncoderLeavesRaw(t *testing.T) {
	in := map[string]string{"title": "a\u009b31m \u202eb\x7f \x1b]0;x\x07 é 東京", "text": "one\n\ntwo"}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(in); err != nil {
		t.Fatal(err)
	}
	out := JSON(buf.Bytes())
	if hasHazard(string(out), "\n") {
		t.Errorf("output holds a raw control:\n%q", out)
	}
	var back map[string]string
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("not JSON any more: %v\n%s", err, out)
	}
	if back["title"] != in["title"] || back["text"] != in["text"] {
		t.Errorf("value changed: %q", back)
	}
	if !bytes.Contains(out, []byte(`\u009b31m \u202eb\u007f`)) || !bytes.Contains(out, []byte("é 東京")) {
		t.Errorf("escapes not as expected:\n%s", out)
	}
}

// hasHazard reports a character a terminal could act on, or a byte that
// is not UTF-8.
func hasHazard(s, keep string) bool {
	return !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return hazard(r, keep) })
}

func FuzzTermsafe(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b]0;x\x07", "a\u009bb\u202e", "\xe6\x97", "x\ny\tz\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if l := Line(s); hasHazard(l, "") || !utf8.ValidString(l) {
			t.Errorf("Line(%q) = %q", s, l)
		}
		if x := Text(s); hasHazard(x, "\n\t") || strings.Count(x, "\n") != strings.Count(s, "\n") {
			t.Errorf("Text(%q) = %q", s, x)
		}
		doc, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if safe := JSONSafe(doc); safe == needsEscape(doc, "\n\t\r") {
			t.Errorf("JSONSafe(%s) = %v, the whole check says otherwise", doc, safe)
		}
		var back string
		if err := json.Unmarshal(JSON(doc), &back); err != nil || hasHazard(string(JSON(doc)), "") {
			t.Fatalf("JSON(%s) = %s: %v", doc, JSON(doc), err)
		}
		var want string
		json.Unmarshal(doc, &want)
		if back != want {
			t.Errorf("JSON changed %q to %q", want, back)
		}
	})
}

// Every character hazard names, in any keep set, is found by needsEscape
// from its first byte.
func TestSuspect_CoversEveryHazard(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) || !hazard(r, "") {
			continue
		}
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], r)
		if !suspect[b[0]] {
			t.Errorf("hazard %U starts with %#x, which suspect does not mark", r, b[0])
		}
		if s := string(r); !needsEscape(s, "") || !needsEscape([]byte("x"+s+"y"), "") {
			t.Errorf("needsEscape misses %U", r)
		}
		if doc, _ := json.Marshal("x" + string(r)); JSONSafe(doc) && strings.ContainsRune(string(doc), r) {
			t.Errorf("JSONSafe passes %U raw in %s", r, doc)
		}
	}
}
