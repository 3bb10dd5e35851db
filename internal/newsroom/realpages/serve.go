package realpages

import (
	"encoding/xml"
	"net/http"
	"time"
)

// published is when every article first appeared, fixed so runs replay.
var publishedAt = time.Date(2026, time.November, 23, 8, 0, 0, 0, time.UTC)

func (n *Newsroom) handler(o int) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("User-agent: *\nAllow: /\n"))
	})
	mux.HandleFunc("GET "+styles[o].feed, func(w http.ResponseWriter, _ *http.Request) { n.serveFeed(w, o) })
	for _, a := range n.articles {
		if a.outlet != o {
			continue
		}
		mux.HandleFunc("GET "+a.path, func(w http.ResponseWriter, _ *http.Request) {
			body := a.respond(n.Step(), n.cfg.Seed)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			w.Write([]byte(body))
		})
	}
	return mux
}

type rss struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel channel  `xml:"channel"`
}

type channel struct {
	Title string `xml:"title"`
	Link  string `xml:"link"`
	Items []item `xml:"item"`
}

type item struct {
	Title   string `xml:"title"`
	Link    string `xml:"link"`
	GUID    string `xml:"guid"`
	PubDate string `xml:"pubDate"`
}

// serveFeed lists the outlet's articles under their current headlines.
func (n *Newsroom) serveFeed(w http.ResponseWriter, o int) {
	step := n.Step()
	f := rss{Version: "2.0", Channel: channel{Title: styles[o].outlet, Link: n.servers[o].URL + "/"}}
	for _, a := range n.articles {
		if a.outlet == o {
			f.Channel.Items = append(f.Channel.Items, item{Title: a.states[step].title, Link: a.url, GUID: a.url,
				PubDate: publishedAt.Format(time.RFC1123Z)})
		}
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	enc.Encode(f)
}
