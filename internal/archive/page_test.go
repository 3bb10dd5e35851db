package archive

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// vocabulary gives generated pages the skew of real prose, so compression
// measured on them is close to what news pages get.
var vocabulary = strings.Fields(`the of and to a in that is was he for it with as his on be at by
had are but from or have an they which one you were her all she there would their we him been
has when who will more no if out so said what up its about into than them can only other new
some could time these two may then do first any my now such like our over man me even most made
after also did many before must through back years where much your way well down should because
each just those people minister government council police report election market city court
health school minutes hours statement spokesperson correction updated according percent`)

// page returns a deterministic HTML page of about size bytes: markup,
// navigation, a script and paragraphs of prose-like text.
func page(size int) []byte {
	r := rand.New(rand.NewPCG(1, uint64(size)))
	var b bytes.Buffer
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Council votes on budget</title>` +
		`<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}</script></head>` +
		`<body><nav class="site-nav"><a href="/">Home</a><a href="/world">World</a><a href="/politics">Politics</a></nav>` +
		`<article class="story"><h1>Council votes on budget</h1>`)
	for b.Len() < size {
		fmt.Fprintf(&b, `<p class="para" data-id="%d">`, r.IntN(1_000_000))
		for range 20 + r.IntN(60) {
			b.WriteString(vocabulary[r.IntN(len(vocabulary))])
			b.WriteByte(' ')
		}
		b.WriteString("</p>\n")
	}
	b.WriteString(`</article></body></html>`)
	return b.Bytes()
}
