package extract

import (
	"reflect"
	"testing"
)

func TestDropFlattened(t *testing.T) {
	for _, c := range []struct {
		name     string
		in, want []string
	}{
		{"title and paragraphs run together",
			[]string{"Police closed the bridge.", "It reopens Friday.", "BriefPolice closed the bridge.It reopens Friday."},
			[]string{"Police closed the bridge.", "It reopens Friday."}},
		{"one paragraph repeated after the title",
			[]string{"Police closed the bridge.", "BriefPolice closed the bridge."},
			[]string{"Police closed the bridge."}},
		{"last paragraph quotes only some",
			[]string{"The mayor spoke.", "Traffic was heavy.", "The mayor spoke of detours."},
			[]string{"The mayor spoke.", "Traffic was heavy.", "The mayor spoke of detours."}},
		{"order differs",
			[]string{"B.", "A.", "A. B."},
			[]string{"B.", "A.", "A. B."}},
		{"teaser inside a page of menus",
			[]string{"Read the notice.", "Home News Sports Weather Contact Read the notice. Privacy Terms Jobs"},
			[]string{"Read the notice.", "Home News Sports Weather Contact Read the notice. Privacy Terms Jobs"}},
		{"single paragraph", []string{"Only one."}, []string{"Only one."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := dropFlattened(c.in); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
