package web

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"io"
	"time"
)

// The encoders below build structs and let encoding/xml and encoding/json
// escape every string: titles come from outlets and may hold markup. That
// escaping only keeps the document well formed; a reader takes it off
// again. Where a format defines a field as HTML (Atom type="html", RSS
// item description, JSON Feed content_html) the reader then renders what is
// left as markup, so the text is HTML-escaped first: the summary by
// summaryHTML, the entry's content by its template (feeds_content.go). Fields
// defined as plain text (titles, names, content_text) are escaped once only,
// or readers would show "&amp;" where the outlet wrote "&".

// rssChannelDescription describes every RSS feed. The channel description
// is read as plain text by some readers and as HTML by others, so it carries
// no text from outlets: either reading shows it as written.
const rssChannelDescription = "Changes errata recorded in the articles it follows; each item links to the word-level diff."

// summaryHTML is the entry's summary as HTML: its text with every character
// that HTML gives a meaning escaped, so a reader shows headlines and outlet
// names as text however much markup they hold.
func (e feedEntry) summaryHTML() string { return html.EscapeString(e.Summary) }

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Author     atomAuthor     `xml:"author"`
	Summary    atomText       `xml:"summary"`
	Content    atomText       `xml:"content"`
	Categories []atomCategory `xml:"category"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

func feedTime(f feed) time.Time { return f.Updated.UTC() }

func writeAtom(w io.Writer, f feed) error {
	af := atomFeed{
		Title: f.Title, ID: f.ID, Updated: feedTime(f).Format(time.RFC3339),
		Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: f.SelfURL}, {Rel: "alternate", Href: f.HomeURL}},
	}
	for _, e := range f.Entries {
		ae := atomEntry{
			Title: e.Title, ID: e.ID, Updated: e.Updated.UTC().Format(time.RFC3339),
			Links:  []atomLink{{Rel: "alternate", Href: e.Link}},
			Author: atomAuthor{Name: e.Author}, Summary: atomText{Type: "html", Body: e.summaryHTML()},
			Content: atomText{Type: "html", Body: e.Content},
		}
		for _, c := range e.Classes {
			ae.Categories = append(ae.Categories, atomCategory{Term: c})
		}
		af.Entries = append(af.Entries, ae)
	}
	return writeXML(w, af)
}

type rssDoc struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Description string   `xml:"description"`
	Categories  []string `xml:"category"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

func writeRSS(w io.Writer, f feed) error {
	doc := rssDoc{Version: "2.0", Channel: rssChannel{
		Title: f.Title, Link: f.HomeURL, Description: rssChannelDescription,
		LastBuildDate: feedTime(f).Format(time.RFC1123Z),
	}}
	for _, e := range f.Entries {
		doc.Channel.Items = append(doc.Channel.Items, rssItem{
			Title: e.Title, Link: e.Link, GUID: rssGUID{IsPermaLink: "false", Value: e.ID},
			PubDate: e.Updated.UTC().Format(time.RFC1123Z), Description: e.Content, Categories: e.Classes,
		})
	}
	return writeXML(w, doc)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	return enc.Encode(v)
}

// jsonFeed is JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	Title         string           `json:"title"`
	ContentHTML   string           `json:"content_html"`
	ContentText   string           `json:"content_text"`
	DatePublished string           `json:"date_published"`
	Tags          []string         `json:"tags,omitempty"`
	Authors       []jsonFeedAuthor `json:"authors,omitempty"`
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
}

func writeJSONFeed(w io.Writer, f feed) error {
	jf := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: f.Title, HomePageURL: f.HomeURL,
		FeedURL: f.SelfURL, Items: []jsonFeedItem{}}
	for _, e := range f.Entries {
		jf.Items = append(jf.Items, jsonFeedItem{
			ID: e.ID, URL: e.Link, Title: e.Title, ContentHTML: e.Content, ContentText: e.Summary,
			DatePublished: e.Updated.UTC().Format(time.RFC3339), Tags: e.Classes,
			Authors: []jsonFeedAuthor{{Name: e.Author}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jf)
}
