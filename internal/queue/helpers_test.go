package queue

import "fmt"

// page renders a small news article; churn varies on every call.
func page(title, body string, churn int64) string {
	return fmt.Sprintf(`<!doctype html><html><head><title>%s</title></head><body>
<div class="ad-slot" id="ad-%d">Advertisement</div>
<article><h1>%s</h1>
<p>%s</p>
<p>The council will meet again next month to discuss the remaining items on its agenda, officials said.</p>
<p>Residents can read the full plan on the city's website and comment until the end of the year.</p>
</article>
<aside class="most-read"><a href="/x%d">Most read story %d</a></aside>
</body></html>`, title, churn, title, body, churn, churn)
}
