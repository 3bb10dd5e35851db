package fetch

import (
	"errors"
	"testing"
)

func TestCheckURL_AcceptsOnlyAbsoluteHTTP(t *testing.T) {
	tests := []struct {
		raw  string
		want error // nil = accepted
	}{
		{"https://news.example/a/b?c=d#e", nil},
		{"http://news.example:8080/", nil},
		{"HTTPS://News.Example/", nil},
		{"http://[2001:db8::1]/x", nil},
		{"", ErrInvalidURL},
		{"   ", ErrInvalidURL},
		{"/relative/path", ErrScheme},
		{"news.example/a", ErrScheme},
		{"//news.example/a", ErrScheme},
		{"javascript:alert(1)", ErrScheme},
		{"file:///etc/passwd", ErrScheme},
		{"data:text/html,hi", ErrScheme},
		{"ftp://news.example/a", ErrScheme},
		{"mailto:desk@news.example", ErrScheme},
		{"http:///path-only", ErrInvalidURL},
		{"http://:80/", ErrInvalidURL},
		{"http:news.example", ErrInvalidURL},
		{"http://user:pass@news.example/", ErrInvalidURL},
		{"http://news.example:99999/", ErrInvalidURL},
		{"http://news.example:0/", ErrInvalidURL},
		{"http://news example/", ErrInvalidURL},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			u, err := CheckURL(tt.raw)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("CheckURL: %v", err)
				}
				if u.Scheme != "http" && u.Scheme != "https" {
					t.Errorf("scheme %q not normalised", u.Scheme)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestCheckURL_MessageHidesPassword(t *testing.T) {
	_, err := CheckURL("http://user:secret@news.example/")
	if err == nil || contains(err.Error(), "secret") {
		t.Fatalf("err = %v, want an error without the password", err)
	}
}
