package extract

import "regexp"

// maxFurnitureLen is the longest paragraph (in bytes) tested against the
// furniture patterns: prompts are short, and a long paragraph that starts
// like one ("Read more: ...") is text.
const maxFurnitureLen = 240

// furnitureLines match whole paragraphs that are only news furniture. Each
// is anchored at both ends so a real paragraph that merely mentions an
// advertisement or a subscription stays.
var furnitureLines = []*regexp.Regexp{
	// Ad slot labels.
	regexp.MustCompile(`(?i)^[-–—·*\s]*(?:advertisement|advertisements|advert|ad|sponsored|sponsored content|anzeige|werbung|publicité|publicidad|anuncio|реклама|إعلان|广告)[-–—·*\s]*$`),
	regexp.MustCompile(`(?i)^(?:the )?(?:story|article|text) continues (?:below|after)(?: (?:this|the))? (?:advertisement|ad)\.?$`),
	regexp.MustCompile(`(?i)^(?:advertisement|ad)\s*[-–—:]?\s*(?:scroll|continue) (?:down )?to (?:continue|read)(?: with content| reading)?\.?$`),
	regexp.MustCompile(`(?i)^(?:skip|close) (?:advertisement|ad)$`),
	regexp.MustCompile(`(?i)^weiter nach der anzeige$|^la suite après (?:la|cette) publicité$|^continúa después de la publicidad$`),
	// Paywall meters and subscription prompts.
	regexp.MustCompile(`(?i)^you(?:'|’)?ve (?:read|used|viewed) (?:\d+|all) (?:of|out of) (?:your )?(?:\d+ )?free (?:articles?|stories|pages)\b.{0,120}$`),
	regexp.MustCompile(`(?i)^you have (?:\d+|one|no) free (?:articles?|stories) (?:left|remaining)\b.{0,120}$`),
	regexp.MustCompile(`(?i)^(?:please )?(?:subscribe|sign in|log in|register)(?: now)? to (?:continue|keep) reading.{0,80}$`),
	regexp.MustCompile(`(?i)^(?:to )?continue reading,? (?:please )?(?:subscribe|sign in|log in|register).{0,80}$`),
	regexp.MustCompile(`(?i)^this (?:article|story|content) is (?:only )?(?:available|reserved|exclusive) (?:to|for) (?:paying )?(?:subscribers|members)\b.{0,80}$`),
	regexp.MustCompile(`(?i)^sie haben \d+ von \d+ kostenlosen artikeln gelesen.{0,120}$|^il vous reste \d+ articles? gratuits?.{0,120}$|^te quedan? \d+ artículos? gratis.{0,120}$`),
	// Newsletter prompts.
	regexp.MustCompile(`(?i)^(?:sign up|subscribe|register) (?:for|to) (?:our|the|my)\b.{0,60}\bnewsletters?\b.{0,160}$`),
	regexp.MustCompile(`(?i)^(?:get|receive) (?:our|the)\b.{0,60}\bnewsletters?\b.{0,40}(?:inbox|email|e-mail).{0,60}$`),
	regexp.MustCompile(`(?i)^(?:newsletter abonnieren|abonnez-vous à (?:notre|la) newsletter|suscríbete a (?:nuestro|nuestra) (?:boletín|newsletter)).{0,160}$`),
	// Relative timestamps, which change on every request.
	regexp.MustCompile(`(?i)^(?:last )?(?:updated|published|posted)?:?\s*(?:\d+|an?|one) (?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?) ago\.?$`),
	regexp.MustCompile(`(?i)^(?:aktualisiert )?vor \d+ (?:sekunden|minuten|stunden|tagen)(?: aktualisiert)?$|^(?:mis à jour )?il y a \d+ (?:secondes?|minutes?|heures?|jours?)$|^(?:actualizado )?hace \d+ (?:segundos?|minutos?|horas?|días?)$`),
	// Cross-links and share prompts.
	regexp.MustCompile(`(?i)^(?:read more|read also|see also|related|also read|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|lee también|leer más)\s*:.{0,200}$`),
	regexp.MustCompile(`(?i)^(?:read more|related (?:articles|stories|content)|more on this story|most read|most popular|recommended(?: for you)?|trending(?: now)?)\s*:?$`),
	regexp.MustCompile(`(?i)^share (?:this|the) (?:article|story|page|post)\b.{0,40}$|^share on (?:facebook|twitter|x|linkedin|whatsapp)$|^(?:share|teilen|partager|compartir)$`),
	regexp.MustCompile(`(?i)^click here to\b.{0,120}$`),
	regexp.MustCompile(`(?i)^\[?(?:related(?: post| stories| articles| coverage)?|see more|more|don'?t miss|also|watch|listen|explore further|more from \w+)\s*:.{0,200}$`),
	regexp.MustCompile(`(?i)^(?:you may also like|you might also like|more from \w+|popular on .{1,40}|don'?t miss|explore further|more stories|related|recommended stories|also read)\s*[.:…]*$`),
	regexp.MustCompile(`(?i)^like this (?:story|article)\?.{0,80}$`),
	// More newsletter and membership prompts, and donation banners.
	regexp.MustCompile(`(?i)^(?:get|stay|receive|want)\b.{0,120}\b(?:inbox|newsletters?)\b.{0,120}$`),
	regexp.MustCompile(`(?i)^.{0,120}\bsubscribe to .{0,60}\bnewsletters?\b[.!]?$`),
	regexp.MustCompile(`(?i)^(?:please )?(?:support|donate to|become a (?:member|supporter) of) (?:our|independent|quality) (?:journalism|reporting)\b.{0,160}$`),
	regexp.MustCompile(`(?i)^if you (?:enjoyed|liked|value) (?:this|our) (?:article|story|journalism|reporting)\b.{0,200}\b(?:join|subscribe|support|donate|member)\b.{0,120}$`),
	// Contact, follow and credit lines that close news stories.
	regexp.MustCompile(`(?i)^(?:write to|email|e-mail|contact|reach) (?:the )?(?:\p{Lu}[\p{L}.'-]*\s?){1,4}(?:at|on|via) .{0,120}$`),
	regexp.MustCompile(`(?i)^follow (?:us|@?\S+(?: \S+){0,4}) on (?:twitter|facebook|instagram|x|linkedin|youtube)\b.{0,160}$`),
	regexp.MustCompile(`(?i)^\(?(?:additional )?reporting by .{1,200}$|^.{1,120} contributed (?:reporting|to this report)\b.{0,80}$`),
	regexp.MustCompile(`(?i)^(?:copyright\s*)?(?:©|\(c\)|ⓒ|copyright)\s*.{0,100}$|^.{0,100}\ball rights reserved\.?$`),
	regexp.MustCompile(`(?i)^(?:source|sources|filed under|tags|tagged|topics|categories)\s*:.{0,200}$`),
	regexp.MustCompile(`(?i)^https?://\S+$`),
	// Reading-time labels.
	regexp.MustCompile(`(?i)^(?:\d+ min(?:ute)?s? read|(?:reading time|read time|tempo de leitura|lesezeit|temps de lecture|tiempo de lectura)\s*:?\s*\d+ \p{L}+)$`),
}

// isFurnitureLine reports whether a normalised paragraph is only furniture.
func isFurnitureLine(p string) bool {
	if len(p) > maxFurnitureLen {
		return false
	}
	for _, rx := range furnitureLines {
		if rx.MatchString(p) {
			return true
		}
	}
	return false
}
