package card

import "testing"

// BenchmarkCard_Render measures one card from a change to PNG bytes:
// shaping, wrapping, rasterising and encoding.
func BenchmarkCard_Render(b *testing.B) {
	r := newTestRenderer(b)
	for _, size := range []Size{Wide, Phone} {
		for _, name := range []string{"latin", "arabic", "chinese"} {
			c := examples[name]
			b.Run(size.String()+"/"+name, func(b *testing.B) {
				for b.Loop() {
					if _, err := r.PNG(c, size); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
