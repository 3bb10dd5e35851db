package corpus

import "testing"

func TestHalf_SameSiteSameHalf(t *testing.T) {
	tests := []struct{ a, b string }{
		{"https://www.example.com/a", "http://example.com/b?x=1"},
		{"https://EXAMPLE.com/a", "https://example.com:8443/b"},
	}
	for _, tt := range tests {
		if Half(tt.a) != Half(tt.b) {
			t.Errorf("Half(%q) = %s, Half(%q) = %s; one site must fall in one half", tt.a, Half(tt.a), tt.b, Half(tt.b))
		}
	}
}

func TestHalf_BothHalvesUsed(t *testing.T) {
	seen := map[string]bool{}
	for _, u := range []string{"https://a.example/", "https://b.example/", "https://c.example/", "https://d.example/", "https://e.example/"} {
		seen[Half(u)] = true
	}
	if !seen[SplitDev] || !seen[SplitTest] {
		t.Errorf("five hosts all fell in one half: %v", seen)
	}
}

func TestValidSplit(t *testing.T) {
	for _, s := range []string{SplitDev, SplitTest, SplitAll} {
		if err := ValidSplit(s); err != nil {
			t.Errorf("ValidSplit(%q) = %v", s, err)
		}
	}
	if ValidSplit("train") == nil {
		t.Error("ValidSplit(train) = nil, want an error")
	}
}
