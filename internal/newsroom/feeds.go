package newsroom

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strconv"
	"time"
)

// jsItem is the feed entry with a javascript: link (an embedded widget the
// CMS syndicates by mistake); consumers must ignore it.
const (
	jsItemTitle = "Live: follow our interactive results map"
	jsItemLink  = "javascript:void(0)"
)

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	DC      string     `xml:"xmlns:dc,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Self          atomLink  `xml:"atom:link"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Language      string    `xml:"language"`
	Generator     string    `xml:"generator"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	Comments    string  `xml:"comments,omitempty"`
	Creator     string  `xml:"dc:creator,omitempty"`
	PubDate     string  `xml:"pubDate"`
	Category    string  `xml:"category,omitempty"`
	GUID        rssGUID `xml:"guid"`
	Description string  `xml:"description"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

// feedState is what every feed needs: the latest items and when the
// newest of them last changed.
func (n *Newsroom) feedState(o int) ([]listItem, time.Time) {
	items := n.latest(o, feedItems, true)
	var updated time.Time
	for _, it := range items {
		if it.modified.After(updated) {
			updated = it.modified
		}
	}
	if updated.IsZero() {
		updated = n.cfg.Epoch
	}
	return items, updated
}

func (n *Newsroom) serveRSS(w http.ResponseWriter, r *http.Request, o int) {
	items, updated := n.feedState(o)
	base := baseOf(r)
	ch := rssChannel{
		Title: n.outlets[o].name, Link: base + "/", Description: "Latest news from " + n.outlets[o].name,
		Self:          atomLink{Href: base + pathRSS, Rel: "self", Type: "application/rss+xml"},
		LastBuildDate: updated.UTC().Format(time.RFC1123Z), Language: "en-US", Generator: "https://wordpress.org/?v=6.7.1",
	}
	for i, it := range items {
		ch.Items = append(ch.Items, rssItem{
			Title: it.c.Title, Link: withTracking(base+it.path, i), Comments: base + it.path + "#comments",
			Creator: it.c.Byline(), PubDate: it.m.published.UTC().Format(time.RFC1123Z),
			Category:    sectionTitle(topics[it.m.vars.Topic].Section),
			GUID:        rssGUID{IsPermaLink: "false", Value: base + "/?p=" + strconv.Itoa(it.m.id)},
			Description: it.summary(),
		})
		if i == 1 {
			ch.Items = append(ch.Items, rssItem{Title: jsItemTitle, Link: jsItemLink, PubDate: it.m.published.UTC().Format(time.RFC1123Z),
				GUID: rssGUID{IsPermaLink: "false", Value: base + "/?p=live-map"}, Description: "Interactive map."})
		}
	}
	doc := rssDoc{Version: "2.0", DC: "http://purl.org/dc/elements/1.1/", Atom: "http://www.w3.org/2005/Atom", Channel: ch}
	serveXML(w, r, "application/rss+xml; charset=UTF-8", updated, doc)
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomEntry struct {
	Title     string       `xml:"title"`
	ID        string       `xml:"id"`
	Link      atomLink     `xml:"link"`
	Published string       `xml:"published"`
	Updated   string       `xml:"updated"`
	Authors   []atomPerson `xml:"author"`
	Summary   string       `xml:"summary"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

func (n *Newsroom) serveAtom(w http.ResponseWriter, r *http.Request, o int) {
	items, updated := n.feedState(o)
	base := baseOf(r)
	f := atomFeed{
		Title: n.outlets[o].name, ID: base + "/", Updated: updated.UTC().Format(time.RFC3339),
		Links: []atomLink{{Href: base + pathAtom, Rel: "self", Type: "application/atom+xml"}, {Href: base + "/", Rel: "alternate", Type: "text/html"}},
	}
	for i, it := range items {
		e := atomEntry{
			Title: it.c.Title, ID: "urn:article:" + strconv.Itoa(it.m.id),
			Link:      atomLink{Href: withTracking(base+it.path, i), Rel: "alternate", Type: "text/html"},
			Published: it.m.published.UTC().Format(time.RFC3339), Updated: it.modified.UTC().Format(time.RFC3339),
			Summary: it.summary(),
		}
		for _, a := range it.c.Authors {
			e.Authors = append(e.Authors, atomPerson{Name: a})
		}
		f.Entries = append(f.Entries, e)
		if i == 0 {
			f.Entries = append(f.Entries, atomEntry{Title: jsItemTitle, ID: "urn:widget:live-map",
				Link: atomLink{Href: jsItemLink, Rel: "alternate"}, Published: e.Published, Updated: e.Updated, Summary: "Interactive map."})
		}
	}
	serveXML(w, r, "application/atom+xml; charset=utf-8", updated, f)
}

type rdfDoc struct {
	XMLName xml.Name   `xml:"rdf:RDF"`
	RDF     string     `xml:"xmlns:rdf,attr"`
	NS      string     `xml:"xmlns,attr"`
	DC      string     `xml:"xmlns:dc,attr"`
	Channel rdfChannel `xml:"channel"`
	Items   []rdfItem  `xml:"item"`
}

type rdfChannel struct {
	About       string      `xml:"rdf:about,attr"`
	Title       string      `xml:"title"`
	Link        string      `xml:"link"`
	Description string      `xml:"description"`
	Seq         []rdfSeqRef `xml:"items>rdf:Seq>rdf:li"`
}

type rdfSeqRef struct {
	Resource string `xml:"rdf:resource,attr"`
}

type rdfItem struct {
	About       string `xml:"rdf:about,attr"`
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	Description string `xml:"description"`
	Creator     string `xml:"dc:creator"`
	Date        string `xml:"dc:date"`
}

func (n *Newsroom) serveRDF(w http.ResponseWriter, r *http.Request, o int) {
	items, updated := n.feedState(o)
	base := baseOf(r)
	doc := rdfDoc{
		RDF: "http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS: "http://purl.org/rss/1.0/", DC: "http://purl.org/dc/elements/1.1/",
		Channel: rdfChannel{About: base + pathRDF, Title: n.outlets[o].name, Link: base + "/", Description: "Headlines from " + n.outlets[o].name},
	}
	for i, it := range items {
		u := withTracking(base+it.path, i)
		doc.Items = append(doc.Items, rdfItem{About: u, Title: it.c.Title, Link: u, Description: it.summary(),
			Creator: it.c.Byline(), Date: it.m.published.UTC().Format(time.RFC3339)})
		if i == 2 {
			doc.Items = append(doc.Items, rdfItem{About: base + "/live-map", Title: jsItemTitle, Link: jsItemLink,
				Description: "Interactive map.", Date: it.m.published.UTC().Format(time.RFC3339)})
		}
	}
	for _, it := range doc.Items {
		doc.Channel.Seq = append(doc.Channel.Seq, rdfSeqRef{Resource: it.About})
	}
	serveXML(w, r, "application/rdf+xml; charset=utf-8", updated, doc)
}

// serveXML marshals v and serves it with Last-Modified, so feed readers'
// conditional requests work as they do against real CMSs.
func serveXML(w http.ResponseWriter, r *http.Request, ctype string, modified time.Time, v any) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		http.Error(w, "newsroom: encode xml failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ctype)
	http.ServeContent(w, r, "", modified, bytes.NewReader(buf.Bytes()))
}
