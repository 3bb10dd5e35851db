package extract

import "unicode/utf8"

// signature is the fixed bytes a file format starts with, at an offset.
type signature struct {
	format string
	at     int
	magic  string
}

// signatures are the formats a server most often hands out where a page was
// expected: archives and compressed files (a .gz served inside gzip
// transport encoding is still gzip), documents, images, media, executables.
// Each holds at least two ASCII bytes (see sniffFormat): the formats whose
// signatures do not, such as JPEG, carry NUL bytes in their first few bytes
// and are refused as binary data.
var signatures = []signature{
	{"gzip-compressed data", 0, "\x1f\x8b\x08"},
	{"zip archive", 0, "PK\x03\x04"},
	{"zip archive", 0, "PK\x05\x06"},
	{"bzip2-compressed data", 0, "BZh91AY&SY"},
	{"xz-compressed data", 0, "\xfd7zXZ\x00"},
	{"zstd-compressed data", 0, "\x28\xb5\x2f\xfd"},
	{"7-Zip archive", 0, "7z\xbc\xaf\x27\x1c"},
	{"RAR archive", 0, "Rar!\x1a\x07"},
	{"PDF document", 0, "%PDF-"},
	{"PostScript document", 0, "%!PS"},
	{"RTF document", 0, "{\\rtf"},
	{"Office document", 0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"},
	{"PNG image", 0, "\x89PNG\r\n\x1a\n"},
	{"GIF image", 0, "GIF87a"},
	{"GIF image", 0, "GIF89a"},
	{"RIFF media (WebP, WAVE or AVI)", 0, "RIFF"},
	{"MP4 media", 4, "ftyp"},
	{"Ogg media", 0, "OggS"},
	{"Matroska or WebM media", 0, "\x1a\x45\xdf\xa3"},
	{"web font", 0, "wOFF"},
	{"web font", 0, "wOF2"},
	{"ELF executable", 0, "\x7fELF"},
	{"SQLite database", 0, "SQLite format 3\x00"},
}

// sniffFormat names the format whose signature page starts with, or "".
//
// The page has been converted to UTF-8 before it gets here, and a binary
// file has no charset: it was read as the server's declared charset or as
// windows-1252, or had its invalid bytes replaced. Those conversions keep
// ASCII bytes and turn each run of other bytes into one or more non-ASCII
// characters, so a signature is matched the same way: its ASCII bytes as
// they are, each run of its other bytes as a run of at most as many
// non-ASCII characters. A signature with too few ASCII bytes would then
// match text that merely starts with a letter outside ASCII.
func sniffFormat(page []byte) string {
	for _, s := range signatures {
		if s.matches(page) {
			return s.format
		}
	}
	return ""
}

func (s signature) matches(page []byte) bool {
	return s.at <= len(page) && looseMatch(page[s.at:], s.magic)
}

// looseMatch reports whether b starts with sig read as described at
// sniffFormat.
func looseMatch(b []byte, sig string) bool {
	for sig != "" {
		if sig[0] < utf8.RuneSelf {
			if len(b) == 0 || b[0] != sig[0] {
				return false
			}
			b, sig = b[1:], sig[1:]
			continue
		}
		run := nonASCIIRun(sig)
		sig = sig[run:]
		n := 0
		for n < run && len(b) > 0 && b[0] >= utf8.RuneSelf {
			_, size := utf8.DecodeRune(b)
			b = b[size:]
			n++
		}
		if n == 0 {
			return false
		}
	}
	return true
}

// nonASCIIRun is the length of the run of non-ASCII bytes s starts with.
func nonASCIIRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= utf8.RuneSelf {
		n++
	}
	return n
}
