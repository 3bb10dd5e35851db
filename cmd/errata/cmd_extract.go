package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/termsafe"
)

var extractCmd = &command{
	name:    "extract",
	args:    "[FILE|URL|-] [--outlet NAME] [--drop SEL] [--keep SEL]",
	summary: "print the extraction of one page as JSON",
	help: `Extracts the article from one page, a file, a URL or standard input ("-", the
default), and prints {"url","title","byline","published","text"}: text is the
body's paragraphs joined by a blank line, published is RFC 3339 or empty.
Nothing is stored. --url gives the page's address when reading a file.
--outlet applies that outlet's stored rules; --drop and --keep (repeatable) add
rules for this run only, to try a selector before saving it with 'errata outlet'.`,
	example: "errata extract saved-page.html --url https://example.com/2026/11/23/story --outlet \"Daily Planet\" --drop .promo",
	maxArgs: 1,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.StringVar(&e.url, "url", "", "the page's URL, for relative links and dates in the path")
		fs.StringVar(&e.outlet, "outlet", "", "apply this outlet's stored rules")
		fs.Var(&e.drop, "drop", "also remove what this CSS selector matches, without saving the rule (repeatable)")
		fs.Var(&e.keep, "keep", "also take what this CSS selector matches as the body, without saving the rule (repeatable)")
	},
	run: runExtract,
}

// maxExtractInput bounds a file or standard input read by extract, as the
// fetcher bounds bodies.
const maxExtractInput = fetch.DefaultMaxBodySize

type extraction struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Byline    string `json:"byline"`
	Published string `json:"published"`
	Modified  string `json:"modified"` // when the page says it last changed; "" when it does not
	Text      string `json:"text"`
}

func runExtract(ctx context.Context, e *env, args []string) error {
	src := "-"
	if len(args) == 1 {
		src = args[0]
	}
	rules, err := e.extractRules(ctx)
	if err != nil {
		return err
	}
	body, contentType, pageURL, err := readPage(ctx, e, src)
	if err != nil {
		return err
	}
	html, err := fetch.DecodeCharset(body, contentType)
	if err != nil {
		return err
	}
	art, err := extract.ExtractContext(ctx, pageURL, html, rules, extract.Options{ContentType: contentType})
	if err != nil {
		return fmt.Errorf("extract %s: %w", src, err)
	}
	out := extraction{URL: pageURL, Title: art.Title, Byline: art.Byline, Text: art.Text}
	if !art.Published.IsZero() {
		out.Published = art.Published.Format(time.RFC3339)
	}
	if !art.Modified.IsZero() {
		out.Modified = art.Modified.Format(time.RFC3339)
	}
	// Escaped for the terminal the JSON is often read on; the value is
	// the same.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err = e.stdout.Write(termsafe.JSON(buf.Bytes()))
	return err
}

// extractRules gathers the rules to try: the stored outlet's, if one is
// named, plus those given on the command line, which are never saved.
func (e *env) extractRules(ctx context.Context) (model.Rules, error) {
	edit := ruleEdit{drop: e.drop, keep: e.keep}
	if err := edit.check(); err != nil {
		return model.Rules{}, err
	}
	var rules model.Rules
	if e.outlet != "" {
		st, err := e.openExisting(ctx)
		if err != nil {
			return rules, err
		}
		defer st.Close()
		o, err := findOutlet(ctx, st, e.outlet)
		if err != nil {
			return rules, err
		}
		rules = o.Rules
	}
	return edit.apply(rules)
}

// readPage reads a page from a URL, a file or standard input.
func readPage(ctx context.Context, e *env, src string) (body []byte, contentType, pageURL string, err error) {
	pageURL = e.url
	if strings.Contains(src, "://") {
		if _, err := fetch.CheckURL(src); err != nil {
			return nil, "", "", err
		}
		resp, err := e.fetcher(nil).Get(ctx, src, fetch.Validators{})
		if err != nil {
			return nil, "", "", err
		}
		if resp.Status != 200 {
			return nil, "", "", fmt.Errorf("extract %s: HTTP status %d", src, resp.Status)
		}
		if pageURL == "" {
			pageURL = resp.URL
		}
		return resp.Body, resp.Header.Get("Content-Type"), pageURL, nil
	}
	var r io.Reader = e.stdin
	if src != "-" {
		f, err := os.Open(src)
		if err != nil {
			return nil, "", "", err
		}
		defer f.Close()
		r = f
	}
	body, err = io.ReadAll(io.LimitReader(r, maxExtractInput+1))
	if err != nil {
		return nil, "", "", fmt.Errorf("read %s: %w", src, err)
	}
	if int64(len(body)) > maxExtractInput {
		return nil, "", "", fmt.Errorf("read %s: larger than %d MiB", src, maxExtractInput>>20)
	}
	return body, "", pageURL, nil
}
