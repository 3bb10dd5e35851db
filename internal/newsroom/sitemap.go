package newsroom

import (
	"encoding/xml"
	"net/http"
	"time"
)

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	News    string       `xml:"xmlns:news,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string       `xml:"loc"`
	LastMod string       `xml:"lastmod,omitempty"`
	News    *newsElement `xml:"news:news,omitempty"`
}

type newsElement struct {
	Name     string `xml:"news:publication>news:name"`
	Language string `xml:"news:publication>news:language"`
	Date     string `xml:"news:publication_date"`
	Title    string `xml:"news:title"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	NS       string       `xml:"xmlns,attr"`
	Sitemaps []sitemapRef `xml:"sitemap"`
}

type sitemapRef struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	newsNS    = "http://www.google.com/schemas/sitemap-news/0.9"
)

func (n *Newsroom) serveNewsSitemap(w http.ResponseWriter, r *http.Request, o int) {
	items := n.latest(o, newsSitemapMax, false)
	cutoff := n.stepTime(n.Step()).AddDate(0, 0, -newsSitemapDays)
	doc := urlset{NS: sitemapNS, News: newsNS}
	var modified time.Time
	for _, it := range items {
		if it.m.published.Before(cutoff) {
			continue
		}
		doc.URLs = append(doc.URLs, sitemapURL{Loc: baseOf(r) + it.path, News: &newsElement{
			Name: n.outlets[o].name, Language: "en", Date: it.m.published.UTC().Format(time.RFC3339), Title: it.c.Title,
		}})
		modified = later(modified, it.modified)
	}
	serveXML(w, r, "application/xml; charset=utf-8", modified, doc)
}

func (n *Newsroom) serveSitemapIndex(w http.ResponseWriter, r *http.Request) {
	doc := sitemapIndex{NS: sitemapNS, Sitemaps: []sitemapRef{{
		Loc: baseOf(r) + pathSitemap, LastMod: n.stepTime(n.Step()).UTC().Format(time.RFC3339),
	}}}
	serveXML(w, r, "application/xml; charset=utf-8", time.Time{}, doc)
}

func (n *Newsroom) serveSitemap(w http.ResponseWriter, r *http.Request, o int) {
	items := n.latest(o, sitemapMax, false)
	doc := urlset{NS: sitemapNS, URLs: make([]sitemapURL, 0, len(items))}
	var modified time.Time
	for _, it := range items {
		doc.URLs = append(doc.URLs, sitemapURL{Loc: baseOf(r) + it.path, LastMod: it.modified.UTC().Format(time.RFC3339)})
		modified = later(modified, it.modified)
	}
	serveXML(w, r, "application/xml; charset=utf-8", modified, doc)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
