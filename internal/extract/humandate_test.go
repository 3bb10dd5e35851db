package extract

import (
	"testing"
	"time"
)

func TestParseHumanDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"| November 18, 2019 12:01 PM", "2019-11-18T12:01:00Z"},
		{"Nov. 19th 2019 at 9:24 p.m. ET", "2019-11-19T21:24:00Z"},
		{"24 сентября 2018", "2018-09-24T00:00:00Z"},
		{"22 de janeiro de 2018 às 0:13", "2018-01-22T00:13:00Z"},
		{"18. November 2019, 15:04 Uhr", "2019-11-18T15:04:00Z"},
		{"Published 2019-11-18", "2019-11-18T00:00:00Z"},
		{"18.11.2019 07:30", "2019-11-18T07:30:00Z"},
		{"Published 5:30 AM, Oct 3, 2022", "2022-10-03T05:30:00Z"},
		{"Monday, 12:00 AM November 4, 2019", "2019-11-04T00:00:00Z"},
		{"February 30, 2019", ""},
		{"Route 66, 2019 edition", ""},
		{"3 comments", ""},
	} {
		got := ""
		if d := parseHumanDate(c.in); !d.IsZero() {
			got = d.Format(time.RFC3339)
		}
		if got != c.want {
			t.Errorf("parseHumanDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
