package stories

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Agency is a news agency whose copy outlets reprint.
type Agency struct {
	Name  string   // as shown
	Marks []string // how copies credit it, matched case-sensitively on word boundaries
	Hosts []string // its own sites: a copy from one of them is the original
}

// Agencies is the table of credit lines errata recognises. Marks are
// matched only where credits stand (see Credit), never in running text,
// so "according to the Associated Press" does not make a copy.
var Agencies = []Agency{
	{"AFP", []string{"AFP", "Agence France-Presse", "Agence France Presse"}, []string{"afp.com"}},
	{"Reuters", []string{"Reuters", "Thomson Reuters"}, []string{"reuters.com"}},
	{"Associated Press", []string{"Associated Press", "AP"}, []string{"apnews.com", "ap.org"}},
	{"dpa", []string{"dpa", "Deutsche Presse-Agentur"}, []string{"dpa.com", "dpa-international.com"}},
	{"EFE", []string{"EFE", "Agencia EFE"}, []string{"efe.com"}},
	{"ANSA", []string{"ANSA"}, []string{"ansa.it"}},
	{"PA Media", []string{"PA Media", "Press Association", "PA Wire"}, []string{"pa.media"}},
	{"Kyodo", []string{"Kyodo", "Kyodo News"}, []string{"kyodonews.net", "english.kyodonews.net"}},
	{"Xinhua", []string{"Xinhua"}, []string{"xinhuanet.com", "news.cn"}},
	{"Bloomberg", []string{"Bloomberg"}, []string{"bloomberg.com"}},
	{"UPI", []string{"UPI", "United Press International"}, []string{"upi.com"}},
	{"AAP", []string{"AAP", "Australian Associated Press"}, []string{"aap.com.au"}},
	{"Canadian Press", []string{"The Canadian Press", "Canadian Press"}, []string{"thecanadianpress.com"}},
	{"PTI", []string{"PTI", "Press Trust of India"}, []string{"ptinews.com"}},
	{"ANI", []string{"ANI"}, []string{"aninews.in"}},
	{"Yonhap", []string{"Yonhap"}, []string{"yna.co.kr"}},
	{"TASS", []string{"TASS"}, []string{"tass.com", "tass.ru"}},
	{"Anadolu", []string{"Anadolu Agency", "Anadolu"}, []string{"aa.com.tr"}},
	{"Europa Press", []string{"Europa Press"}, []string{"europapress.es"}},
	{"ANP", []string{"ANP"}, []string{"anp.nl"}},
	{"Belga", []string{"Belga"}, []string{"belga.be"}},
	{"APA", []string{"APA"}, []string{"apa.at"}},
	{"Keystone-SDA", []string{"Keystone-SDA", "SDA"}, []string{"keystone-sda.ch"}},
	{"NTB", []string{"NTB"}, []string{"ntb.no"}},
	{"Ritzau", []string{"Ritzau"}, []string{"ritzau.dk"}},
	{"Lusa", []string{"Lusa"}, []string{"lusa.pt"}},
	{"PAP", []string{"PAP"}, []string{"pap.pl"}},
}

// creditWords is the longest paragraph read as a credit line ("By Jane
// Doe, Associated Press", "The Associated Press contributed to this
// report."): longer ones are running text that may merely mention an
// agency.
const creditWords = 12

// Credit returns the agency a copy credits, or "". It reads the places
// where credits stand: a mark in parentheses in the first paragraph (the
// dateline: "PARIS (AFP) —", "BEIJING, Dec. 5 (Xinhua) --"), the byline,
// and a short first or last paragraph; and Reuters' closing "(Reporting
// by …; Editing by …)".
func Credit(byline string, paragraphs []string) string {
	if a := creditIn(byline); a != "" {
		return a
	}
	if len(paragraphs) == 0 {
		return ""
	}
	first, last := paragraphs[0], paragraphs[len(paragraphs)-1]
	if a := parenthesised(first); a != "" {
		return a
	}
	for _, p := range []string{first, last} {
		if len(strings.Fields(p)) <= creditWords {
			if a := creditIn(p); a != "" {
				return a
			}
		}
	}
	if strings.Contains(last, "Reporting by") && strings.Contains(last, "Editing by") {
		return "Reuters"
	}
	return ""
}

// parenthesised finds a mark written as "(MARK)" in p.
func parenthesised(p string) string {
	for _, a := range Agencies {
		for _, m := range a.Marks {
			if strings.Contains(p, "("+m+")") {
				return a.Name
			}
		}
	}
	return ""
}

// creditIn finds a mark anywhere in s on word boundaries; longer marks are
// tried first so "Kyodo News" is not read as a shorter mark.
func creditIn(s string) string {
	for _, a := range Agencies {
		for _, m := range a.Marks {
			if containsWord(s, m) {
				return a.Name
			}
		}
	}
	return ""
}

// containsWord reports whether s holds w with no letter or digit on
// either side.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before, _ := utf8.DecodeLastRuneInString(s[:j])
		after, _ := utf8.DecodeRuneInString(s[j+len(w):])
		if !wordRune(before) && !wordRune(after) {
			return true
		}
		i = j + 1
	}
}

func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// Copy is one member of a group of copies, as origin finding needs it.
type Copy struct {
	ID         int64
	Outlet     string // outlet name
	Host       string // outlet host
	Byline     string
	Paragraphs []string
	FirstSeen  time.Time
}

// Origin names the agency a group of copies credits ("" when none) and
// the copy taken as the original: the agency's own copy when one of its
// sites is tracked, otherwise the copy first seen.
func Origin(group []Copy) (agency string, origin int64) {
	if len(group) == 0 {
		return "", 0
	}
	cs := slices.Clone(group)
	slices.SortFunc(cs, func(a, b Copy) int {
		if c := a.FirstSeen.Compare(b.FirstSeen); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	votes := map[string]int{}
	for _, c := range cs {
		if a := Credit(c.Byline, c.Paragraphs); a != "" {
			votes[a]++
			if agency == "" || votes[a] > votes[agency] {
				agency = a
			}
		}
	}
	for _, c := range cs {
		if ag, ok := agencyOf(c.Outlet, c.Host); ok && (agency == "" || ag == agency) {
			if agency == "" {
				agency = ag
			}
			return agency, c.ID
		}
	}
	return agency, cs[0].ID
}

// agencyOf says whether an outlet is an agency itself, by its host or by
// its name.
func agencyOf(outlet, host string) (string, bool) {
	host = strings.ToLower(strings.TrimPrefix(host, "www."))
	for _, a := range Agencies {
		for _, h := range a.Hosts {
			if host == h || strings.HasSuffix(host, "."+h) {
				return a.Name, true
			}
		}
		if strings.EqualFold(outlet, a.Name) {
			return a.Name, true
		}
		for _, m := range a.Marks {
			if len(m) > 3 && strings.EqualFold(outlet, m) {
				return a.Name, true
			}
		}
	}
	return "", false
}
