package extract

import "testing"

// Two captures of one article that differ only in churn (ad slot ids, "most
// read" list, paywall counter, CSRF token, "updated N minutes ago", cache
// comment) must extract identically, or every check would record a version.
func TestExtract_ChurnOnlyPagesExtractIdentically(t *testing.T) {
	a, errA := extractFixture(t, "churn-a")
	b, errB := extractFixture(t, "churn-b")
	if errA != nil || errB != nil {
		t.Fatalf("errors: %v, %v", errA, errB)
	}
	a.URL, b.URL = "", "" // the fixtures are served under two names
	a.doc, b.doc = nil, nil
	a.index, b.index = nil, nil
	if a != b {
		t.Errorf("churn changed the extraction:\n a=%+v\n b=%+v", a, b)
	}
	if a.Text == "" || a.Title == "" {
		t.Errorf("extraction lost content: %+v", a)
	}
}
