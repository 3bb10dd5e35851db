package furniture

import "testing"

// The first and second fetches serve a wording of a moving box that is
// already known; the latest version holds a wording that is not.
func TestConfirm_KnownBoxPairsWithAnUnknownWordingInTheLatestVersion(t *testing.T) {
	const p = "div.body>p"
	L := page(p+"|A one two three four five six seven eight nine ten eleven.", p+"|B one two three four five six seven eight nine ten.", p+"|Don't miss a story: 226,543 subscribers read our evening email. Sign up", p+"|C one two three four five six seven eight nine.", p+"|5,759 comments")
	F1 := page(p+"|A one two three four five six seven eight nine ten eleven.", p+"|147,198 people already get our newsletter. Sign up, it's free. Sign up", p+"|B one two three four five six seven eight nine ten.", p+"|C one two three four five six seven eight nine.", p+"|7,273 comments")
	F2 := page(p+"|A one two three four five six seven eight nine ten eleven.", p+"|B one two three four five six seven eight nine ten.", p+"|C one two three four five six seven eight nine.", p+"|201,588 people already get our newsletter. Sign up, it's free. Sign up", p+"|8,414 comments")
	known := NewSet()
	known.Add(KindText, "# comments")
	known.Add(KindText, Mask("201,588 people already get our newsletter. Sign up, it's free. Sign up"))
	c := Confirm(L, F1, F2, known)
	if Text(c.Candidate) != Text(c.Base) {
		t.Errorf("the latest version's wording of a known box was taken for a deletion:\nC=%q\nB=%q", Text(c.Candidate), Text(c.Base))
	}
}
