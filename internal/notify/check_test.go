package notify

import (
	"errors"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	ok := Subscription{Name: "desk", URL: "https://hooks.test/x", Classes: []string{"headline", "correction"},
		Events: []string{"change", "gone", "back"}}
	if err := Check(ok); err != nil {
		t.Fatalf("Check(%+v) = %v, want nil", ok, err)
	}
	bad := map[string]Subscription{
		"no name":       {URL: "https://hooks.test/x"},
		"control":       {Name: "a\x1bb", URL: "https://hooks.test/x"},
		"long name":     {Name: strings.Repeat("n", maxName+1), URL: "https://hooks.test/x"},
		"unknown class": {Name: "desk", URL: "https://hooks.test/x", Classes: []string{"headlines"}},
		"negative":      {Name: "desk", URL: "https://hooks.test/x", MinWords: -1},
		"unknown event": {Name: "desk", URL: "https://hooks.test/x", Events: []string{"vanished"}},
		"bad scheme":    {Name: "desk", URL: "ftp://hooks.test/x"},
	}
	for what, s := range bad {
		err := Check(s)
		if err == nil {
			t.Errorf("%s: Check accepted %+v", what, s)
			continue
		}
		if !errors.Is(err, ErrBadSubscription) && !errors.Is(err, ErrBadURL) {
			t.Errorf("%s: Check error %v is neither ErrBadSubscription nor ErrBadURL", what, err)
		}
	}
	if err := Check(bad["unknown class"]); !strings.Contains(err.Error(), "text_rewritten") {
		t.Errorf("unknown class error %q does not list the known classes", err)
	}
}

func TestRedacted(t *testing.T) {
	cases := map[string]string{
		"https://discord.test/api/webhooks/123/SECRETTOKEN":      "https://discord.test/…",
		"https://hooks.test/":                                    "https://hooks.test/",
		"https://hooks.test/?token=SECRETTOKEN":                  "https://hooks.test/…",
		"smtp://user:SECRETTOKEN@mail.test:587/?from=a@b&to=c@d": "smtp://user:xxxxx@mail.test:587/?from=a@b&to=c@d",
		"slack://SECRETTOKEN@channel":                            "slack://…",
	}
	for in, want := range cases {
		got := Redacted(in)
		if got != want {
			t.Errorf("Redacted(%q) = %q, want %q", in, got, want)
		}
		if strings.Contains(got, "SECRETTOKEN") {
			t.Errorf("Redacted(%q) = %q shows the secret", in, got)
		}
	}
}
