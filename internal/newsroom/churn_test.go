package newsroom

import "regexp"

// churnPatterns match every piece of per-request boilerplate.
var churnPatterns = []*regexp.Regexp{
	regexp.MustCompile(`id="ad-[0-9a-f]+"`),
	regexp.MustCompile(`data-ad-unit="[^"]*"`),
	regexp.MustCompile(`value="[0-9a-f]{32}"`),
	regexp.MustCompile(`\?v(er)?=[0-9a-f]+`),
	regexp.MustCompile(`/(css|chunks)/(main-)?[0-9a-f]+\.(css|js)`),
	regexp.MustCompile(`Updated \d+ minutes ago`),
	regexp.MustCompile(`read \d of 5`),
	regexp.MustCompile(`(?s)<ol>.*?</ol>`),
	regexp.MustCompile(`(?s)<aside class="related-stories">.*?</aside>`),
}

// hostPort matches a loopback origin, plain or query-escaped.
var hostPort = regexp.MustCompile(`127\.0\.0\.1(:|%3a)\d+`)
