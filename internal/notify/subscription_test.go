package notify

import (
	"errors"
	"testing"
)

func TestKindOf(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want Kind
	}{
		{"https://hooks.example.com/x", KindWebhook},
		{"http://hooks.example.com/x", KindWebhook},
		{"smtp://u:p@mail.example.com:587/?from=a@x&to=b@y", KindEmail},
		{"smtps://mail.example.com/?from=a@x&to=b@y", KindEmail},
		{"slack://token@channel", KindChat},
		{"discord://token@id", KindChat},
		{"telegram://token@telegram?chats=1", KindChat},
		{"matrix://user:pw@host/", KindChat},
		{"ntfy://ntfy.sh/topic", KindChat},
		{"gotify://host/token", KindChat},
	} {
		got, err := KindOf(tc.url)
		if err != nil || got != tc.want {
			t.Errorf("KindOf(%q) = %q, %v; want %q", tc.url, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "example.com/hook", "file:///etc/passwd", "ftp://x/", "javascript:alert(1)"} {
		if _, err := KindOf(bad); !errors.Is(err, ErrBadURL) {
			t.Errorf("KindOf(%q) err = %v, want ErrBadURL", bad, err)
		}
	}
}

func TestSubscription_Matches(t *testing.T) {
	change := Payload{Event: EventChange, Outlet: "Daily Planet", Classes: []string{"headline", "text_rewritten"}, Added: 4, Removed: 3}
	minor := Payload{Event: EventChange, Outlet: "Daily Planet", Classes: []string{"minor"}, Added: 1, Removed: 1}
	gone := Payload{Event: "gone", Outlet: "Daily Planet"}
	for _, tc := range []struct {
		name string
		sub  Subscription
		p    Payload
		want bool
	}{
		{"no filters", Subscription{}, change, true},
		{"outlet matches ignoring case", Subscription{Outlets: []string{"daily planet"}}, change, true},
		{"other outlet", Subscription{Outlets: []string{"Bugle"}}, change, false},
		{"one class matches", Subscription{Classes: []string{"correction", "headline"}}, change, true},
		{"no class matches", Subscription{Classes: []string{"correction"}}, change, false},
		{"minor left out by default", Subscription{}, minor, false},
		{"minor asked for", Subscription{Minor: true}, minor, true},
		{"big enough", Subscription{MinWords: 7}, change, true},
		{"too small", Subscription{MinWords: 8}, change, false},
		{"other event only", Subscription{Events: []string{"gone"}}, change, false},
		{"changes named with events", Subscription{Events: []string{"gone", "change"}}, change, true},
		{"no event filter: no lifecycle events", Subscription{}, gone, false},
		{"event asked for", Subscription{Events: []string{"back", "gone"}}, gone, true},
		{"event of another outlet", Subscription{Events: []string{"gone"}, Outlets: []string{"Bugle"}}, gone, false},
		{"change filters leave events alone", Subscription{Events: []string{"gone"}, Classes: []string{"correction"}, MinWords: 50}, gone, true},
	} {
		if got := Matches(tc.sub, tc.p); got != tc.want {
			t.Errorf("%s: Matches = %v, want %v", tc.name, got, tc.want)
		}
	}
}
