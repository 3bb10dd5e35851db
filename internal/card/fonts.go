package card

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sync"

	"github.com/go-text/typesetting/font"
)

// The embedded fonts, in fallback order: DejaVu Sans covers Latin, Greek,
// Cyrillic, Arabic and Hebrew; Droid Sans Fallback covers Chinese and
// Japanese (not Korean). Their licences sit beside them in fonts/. They
// are stored gzipped, which halves what they add to the binary.
var (
	//go:embed fonts/DejaVuSans.ttf.gz
	dejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf.gz
	dejaVuSansBold []byte
	//go:embed fonts/DroidSansFallbackFull.ttf.gz
	droidSansFallback []byte
)

// fontSet is the parsed fonts. A font.Font is read only once parsed and is
// shared by every renderer; each renderer wraps it in faces of its own,
// because faces keep caches that are not safe for concurrent use.
type fontSet struct {
	regular, bold, cjk *font.Font
}

var (
	parseOnce sync.Once
	parsed    fontSet
	parseErr  error
)

// loadFonts parses the embedded fonts once per process.
func loadFonts() (fontSet, error) {
	parseOnce.Do(func() {
		parsed, parseErr = parseFonts()
	})
	return parsed, parseErr
}

func parseFonts() (fontSet, error) {
	var fs fontSet
	for _, f := range []struct {
		name string
		data []byte
		dst  **font.Font
	}{
		{"DejaVuSans.ttf", dejaVuSans, &fs.regular},
		{"DejaVuSans-Bold.ttf", dejaVuSansBold, &fs.bold},
		{"DroidSansFallbackFull.ttf", droidSansFallback, &fs.cjk},
	} {
		zr, err := gzip.NewReader(bytes.NewReader(f.data))
		if err != nil {
			return fontSet{}, fmt.Errorf("card: font %s: %w", f.name, err)
		}
		ttf, err := io.ReadAll(zr)
		if err != nil {
			return fontSet{}, fmt.Errorf("card: font %s: %w", f.name, err)
		}
		face, err := font.ParseTTF(bytes.NewReader(ttf))
		if err != nil {
			return fontSet{}, fmt.Errorf("card: font %s: %w", f.name, err)
		}
		*f.dst = face.Font
	}
	return fs, nil
}

// fallback picks, for each rune, the first face that has a glyph for it;
// a rune no face covers goes to the first face (and shows as its
// missing-glyph box). It implements shaping.Fontmap.
type fallback []*font.Face

func (f fallback) ResolveFace(r rune) *font.Face {
	for _, face := range f {
		if _, ok := face.NominalGlyph(r); ok {
			return face
		}
	}
	return f[0]
}

// faces are one renderer's faces: the regular and bold fallback chains.
type faces struct {
	regular, bold fallback
}

func newFaces(fs fontSet) faces {
	cjk := font.NewFace(fs.cjk)
	return faces{
		regular: fallback{font.NewFace(fs.regular), cjk},
		bold:    fallback{font.NewFace(fs.bold), font.NewFace(fs.regular), cjk},
	}
}
