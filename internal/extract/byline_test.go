package extract

import "testing"

func TestCleanByline_RolesOutletsDatesAndContacts(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []string
		want string
	}{
		{"by prefix", []string{"By Jane Doe"}, "Jane Doe"},
		{"two names", []string{"By Ana Ruiz and Ben Okafor, Staff Writers"}, "Ana Ruiz and Ben Okafor"},
		{"three names", []string{"Ana Ruiz, Ben Okafor & Chen Wei"}, "Ana Ruiz, Ben Okafor and Chen Wei"},
		{"wire role after comma", []string{"By TOM KRISHER, AP Auto Writer"}, "TOM KRISHER"},
		{"role glued", []string{"Meg James Staff Writer"}, "Meg James"},
		{"senior editor", []string{"Sam Lee, Senior Editor"}, "Sam Lee"},
		{"twitter after pipe", []string{"Sam Lee | Twitter"}, "Sam Lee"},
		{"outlet after pipe", []string{"Amy Kuperinsky | NJ Advance Media for NJ.com"}, "Amy Kuperinsky"},
		{"outlet after comma", []string{"Troy L. Smith, Cleveland.com"}, "Troy L. Smith"},
		{"handle and date", []string{"by Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET"}, "Bryan DeArdo"},
		{"date glued", []string{"Carrie Arnold November 15, 2019"}, "Carrie Arnold"},
		{"weekday glued", []string{"Jeff Foust Monday, November 18, 2019"}, "Jeff Foust"},
		{"month that is a name", []string{"Theresa May"}, "Theresa May"},
		{"e-mail after name", []string{"By Megan Rowe meganr@spokesman.example"}, "Megan Rowe"},
		{"e-mail only", []string{"desk@news.example"}, ""},
		{"profile url", []string{"https://www.facebook.com/someone"}, ""},
		{"credentials", []string{"Ilana Muhlstein, MS, RDN"}, "Ilana Muhlstein"},
		{"analysis label", []string{"Analysis by Chris Cillizza, CNN Editor-at-large"}, "Chris Cillizza"},
		{"label with colon", []string{"Текст: Венера Ерофеева"}, "Венера Ерофеева"},
		{"duplicates", []string{"David Ehrlich", "david ehrlich"}, "David Ehrlich"},
		{"middle initial", []string{"Sarah E. Needleman"}, "Sarah E. Needleman"},
		{"agency alone", []string{"Associated Press"}, "Associated Press"},
		{"agency beside names", []string{"MEG KINNARD and ERRIN HAINES, Associated Press"}, "MEG KINNARD and ERRIN HAINES"},
		{"only date words", []string{"Monday November"}, ""},
		{"single name", []string{"Regan"}, "Regan"},
		{"german von", []string{"Von Klaus Becker"}, "Klaus Becker"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := cleanByline(c.in); got != c.want {
				t.Errorf("cleanByline(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}
