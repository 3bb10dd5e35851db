package discover

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestCanonicalize_Table(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already canonical", "https://www.example.com/a/b", "https://www.example.com/a/b"},
		{"scheme and host lower-cased", "HTTPS://WWW.Example.COM/Path", "https://www.example.com/Path"},
		{"path case kept", "https://example.com/News/Story-ABC", "https://example.com/News/Story-ABC"},
		{"trailing slash kept", "https://example.com/news/", "https://example.com/news/"},
		{"no trailing slash kept", "https://example.com/news", "https://example.com/news"},
		{"www kept", "https://www.example.com/", "https://www.example.com/"},
		{"empty path becomes slash", "https://example.com", "https://example.com/"},
		{"default https port removed", "https://example.com:443/a", "https://example.com/a"},
		{"default http port removed", "http://example.com:80/a", "http://example.com/a"},
		{"other port kept", "http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a"},
		{"https port 80 kept", "https://example.com:80/a", "https://example.com:80/a"},
		{"empty port removed", "http://example.com:/a", "http://example.com/a"},
		{"fragment dropped", "https://example.com/a#comments", "https://example.com/a"},
		{"empty fragment dropped", "https://example.com/a#", "https://example.com/a"},
		{"utm params removed", "https://example.com/a?utm_source=x&utm_medium=y&utm_campaign=z", "https://example.com/a"},
		{"utm any suffix removed", "https://example.com/a?utm_whatever=1", "https://example.com/a"},
		{"tracking case-insensitive", "https://example.com/a?UTM_Source=x&FBCLID=1&CMP=share_btn_tw", "https://example.com/a"},
		{"click ids removed", "https://example.com/a?fbclid=1&gclid=2&dclid=3&gbraid=4&wbraid=5&msclkid=6&yclid=7&igshid=8", "https://example.com/a"},
		{"newsletter ids removed", "https://example.com/a?mc_cid=1&mc_eid=2&_ga=3&_gl=4", "https://example.com/a"},
		{"publisher codes removed", "https://example.com/a?ref_src=twsrc&cmpid=1&ocid=2&smid=3&sr_share=4&xtor=RSS-1&at_medium=5&at_campaign=6", "https://example.com/a"},
		{"other params kept in original order", "https://example.com/a?z=1&utm_source=x&a=2&m=3", "https://example.com/a?z=1&a=2&m=3"},
		{"param encoding kept", "https://example.com/a?q=caf%C3%A9+au+lait&id=1", "https://example.com/a?q=caf%C3%A9+au+lait&id=1"},
		{"repeated params kept", "https://example.com/a?tag=x&tag=y", "https://example.com/a?tag=x&tag=y"},
		{"trailing question mark removed", "https://example.com/a?", "https://example.com/a"},
		{"empty query pieces removed", "https://example.com/a?&&id=1&", "https://example.com/a?id=1"},
		{"key without value kept", "https://example.com/a?amp", "https://example.com/a?amp"},
		{"IDN host to punycode", "https://bücher.example/artikel", "https://xn--bcher-kva.example/artikel"},
		{"IDN host upper-case", "https://BÜCHER.example/", "https://xn--bcher-kva.example/"},
		{"user info dropped", "https://user:pass@example.com/a", "https://example.com/a"},
		{"trailing root dot dropped", "https://example.com./a", "https://example.com/a"},
		{"surrounding space trimmed", "  https://example.com/a \n", "https://example.com/a"},
		{"percent escapes upper-cased", "https://example.com/caf%c3%a9", "https://example.com/caf%C3%A9"},
		{"non-ASCII path escaped", "https://example.com/café", "https://example.com/caf%C3%A9"},
		{"encoded slash kept", "https://example.com/a%2Fb", "https://example.com/a%2Fb"},
		{"IPv6 default port", "http://[::1]:80/a", "http://[::1]/a"},
		{"IPv6 other port", "http://[::1]:8080/a", "http://[::1]:8080/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Canonicalize(tt.in)
			if err != nil {
				t.Fatalf("Canonicalize(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			again, err := Canonicalize(got)
			if err != nil || again != got {
				t.Errorf("not idempotent: Canonicalize(%q) = %q, %v", got, again, err)
			}
		})
	}
}

func TestCanonicalize_RejectsNonHTTP(t *testing.T) {
	tests := []string{
		"javascript:alert(1)",
		"JavaScript:void(0)",
		"data:text/html,hi",
		"file:///etc/passwd",
		"ftp://example.com/a",
		"mailto:a@example.com",
		"/relative/path",
		"example.com/a",
		"",
		"http:///no-host",
		"http:opaque",
	}
	for _, in := range tests {
		t.Run(in, func(t *testing.T) {
			got, err := Canonicalize(in)
			if !errors.Is(err, ErrScheme) {
				t.Errorf("Canonicalize(%q) = %q, %v; want ErrScheme", in, got, err)
			}
		})
	}
}

func TestCanonicalize_RejectsBadInput(t *testing.T) {
	tests := []string{
		"http://exa mple.com/",
		"https://" + strings.Repeat("a", MaxURLLength),
		"http://[::1",
		"http://]:0",
		"http://exa!mple.com/",
	}
	for _, in := range tests {
		if got, err := Canonicalize(in); err == nil {
			t.Errorf("Canonicalize(%.40q) = %q, want an error", in, got)
		} else if !strings.HasPrefix(err.Error(), "discover: ") {
			t.Errorf("error %q lacks the package prefix", err)
		}
	}
}

func TestResolve_RelativeReferences(t *testing.T) {
	const base = "https://www.example.com/news/index.html?utm_source=x"
	tests := []struct {
		ref, want string
	}{
		{"/a/b", "https://www.example.com/a/b"},
		{"story", "https://www.example.com/news/story"},
		{"../up", "https://www.example.com/up"},
		{"//cdn.example.com/x", "https://cdn.example.com/x"},
		{"?page=2", "https://www.example.com/news/index.html?page=2"},
		{"  /spaced  ", "https://www.example.com/spaced"},
		{"http://other.example.org/x#f", "http://other.example.org/x"},
	}
	for _, tt := range tests {
		got, err := Resolve(base, tt.ref)
		if err != nil || got != tt.want {
			t.Errorf("Resolve(base, %q) = %q, %v; want %q", tt.ref, got, err, tt.want)
		}
	}
}

func TestResolve_NonHTTPRefRejected(t *testing.T) {
	for _, ref := range []string{"javascript:alert(1)", "mailto:x@example.com", "data:,x"} {
		if _, err := Resolve("https://example.com/", ref); !errors.Is(err, ErrScheme) {
			t.Errorf("Resolve(%q) error = %v, want ErrScheme", ref, err)
		}
	}
	if _, err := Resolve("", "/relative"); !errors.Is(err, ErrScheme) {
		t.Errorf("relative ref without base: error = %v, want ErrScheme", err)
	}
}

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{
		"https://www.example.com/a?utm_source=x&id=1#f",
		"HTTP://Bücher.Example:80/%c3%a9?",
		"http://[::1]:8080/",
		"javascript:alert(1)",
		"//x", "", "http://a:b@c:d/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := Canonicalize(in)
		if err != nil {
			return
		}
		if !strings.HasPrefix(got, "http://") && !strings.HasPrefix(got, "https://") {
			t.Fatalf("Canonicalize(%q) = %q: not http(s)", in, got)
		}
		if strings.Contains(got, "#") {
			t.Fatalf("Canonicalize(%q) = %q kept a fragment", in, got)
		}
		if again, err := Canonicalize(got); err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", in, got, again, err)
		}
	})
}

func TestLookupURLs_CanonicalThenTrailingSlashTwin(t *testing.T) {
	tests := []struct {
		raw  string
		want []string
	}{
		{"https://Example.com/a/story/?utm_source=x#top", []string{"https://example.com/a/story/", "https://example.com/a/story"}},
		{"https://example.com/a/story?id=3", []string{"https://example.com/a/story?id=3", "https://example.com/a/story/?id=3"}},
		{"https://example.com/caf%c3%a9", []string{"https://example.com/caf%C3%A9", "https://example.com/caf%C3%A9/"}},
		{"https://example.com", []string{"https://example.com/"}},
		{"https://example.com/", []string{"https://example.com/"}},
	}
	for _, tt := range tests {
		got, err := LookupURLs(tt.raw)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("LookupURLs(%q) = %q, %v; want %q", tt.raw, got, err, tt.want)
		}
	}
	if _, err := LookupURLs("javascript:alert(1)"); err == nil {
		t.Error("LookupURLs accepted a javascript: URL")
	}
}
