package extract

// dropLinkBlocks removes the body paragraphs whose block on the page is
// mostly link text: a cross-link to another story set as its own paragraph
// ("SEAN SPICER ELIMINATED FROM …"), the items of a related-stories run, a
// menu. Their headlines rotate with the site's other stories, so keeping
// them would record edits the article never had. The body is returned
// unchanged when such blocks are most of it: then the links are the post.
func dropLinkBlocks(body []string, ix blockIndex) []string {
	return dropMinority(body, func(p string) bool {
		b, ok := ix.lookup(p)
		return ok && b.linkShare >= minLinkedShare
	})
}
