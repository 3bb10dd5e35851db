package extract

import (
	"errors"
	"testing"
)

func TestCheckHTML_RefusesWhatIsNotAPage(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		ok   bool
	}{
		{"elf executable", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00", false},
		{"png image", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", false},
		{"control characters without NUL", "\x1b\x02\x03\x04\x05\x06<p>x</p>\x07\x08\x0e\x0f\x10\x11", false},
		{"plain text", "Police closed the bridge on Monday.\nIt will reopen Friday.\n", false},
		{"empty", "", false},
		{"less-than sign only", "3 < 4 and 5 > 2", false},
		{"html page", "<!DOCTYPE html><html><body><p>Hi</p></body></html>", true},
		{"fragment", "<p>Police closed the bridge.</p>", true},
		{"xhtml", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", true},
		{"latin-1 bytes", "<html><body><p>caf\xe9 cr\xe8me br\xfbl\xe9e</p></body></html>", true},
		{"form feed and tabs", "<html>\f\t<body>\r\n<p>x</p></body></html>", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := checkHTML([]byte(c.in))
			if c.ok && err != nil {
				t.Errorf("refused: %v", err)
			}
			if !c.ok && !errors.Is(err, ErrNotHTML) {
				t.Errorf("err = %v, want ErrNotHTML", err)
			}
		})
	}
}
