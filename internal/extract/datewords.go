package extract

// dateWords are the words a bare dateline may hold besides digits: month
// and weekday names and their abbreviations, clock words and the labels
// before a date, in the languages errata meets most.
var dateWords = setOf(
	// English
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues",
	"wed", "thu", "thur", "thurs", "fri", "sat", "sun", "am", "pm", "a", "p", "m",
	"at", "on", "updated", "published", "posted", "last", "modified", "gmt", "utc",
	"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest", "ist",
	// Portuguese, Spanish
	"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
	"setembro", "outubro", "novembro", "dezembro", "enero", "febrero", "marzo",
	"mayo", "junio", "julio", "septiembre", "octubre", "noviembre", "diciembre",
	"segunda", "terça", "quarta", "quinta", "sexta", "feira", "sábado", "domingo",
	"lunes", "martes", "miércoles", "jueves", "viernes", "de", "às", "as", "del",
	"atualizado", "publicado", "actualizado", "em", "el", "h",
	// French, German, Italian
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
	"septembre", "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi",
	"jeudi", "vendredi", "samedi", "dimanche", "le", "à", "publié", "mis", "jour",
	"januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "montag",
	"dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "um",
	"uhr", "am", "aktualisiert", "veröffentlicht", "gennaio", "febbraio", "aprile",
	"maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre", "alle", "ore",
	"aggiornato", "pubblicato", "il",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
