package jobs

// CrawlEvent is one step of a crawl, told to Engine.OnCrawl as it
// happens, so that a caller can show the crawl's progress and name what
// failed. Exactly one group of fields is set.
type CrawlEvent struct {
	// PlannedSources and PlannedChecks announce polls and checks about to
	// be made; a negative PlannedChecks takes back articles dropped from
	// the plan (merged into others meanwhile).
	PlannedSources, PlannedChecks int

	// Source is the URL of a source just polled: Poll is what it found,
	// Err why the poll failed.
	Source string
	Poll   PollResult

	// Article is the URL of an article just checked: Check is the result
	// (a failed fetch is a check with outcome error and Check.Err), Err
	// why the check could not be recorded.
	Article string
	Check   CheckResult

	Err error
}

// tell passes ev to OnCrawl, if set.
func (e *Engine) tell(ev CrawlEvent) {
	if e.OnCrawl != nil {
		e.OnCrawl(ev)
	}
}
