package extract

// dropLinkBlocks removes the body paragraphs whose block on the page is
// mostly link text: a cross-link to another story set as its own paragraph
// ("SEAN SPICER ELIMINATED FROM …"), the items of a related-stories run, a
// menu. Their headlines rotate with the site's other stories, so keeping
// them would record edits the article never had. The body is returned
// unchanged when such blocks are most of it: then the links are the post.
func dropLinkBlocks(body []string, ix blockIndex) []string {
	kept := make([]string, 0, len(body))
	dropped, total := 0, 0
	for _, p := range body {
		total += len(p)
		if b, ok := ix.lookup(p); ok && b.linkShare >= minLinkedShare {
			dropped += len(p)
			continue
		}
		kept = append(kept, p)
	}
	if float64(dropped) > maxFurnitureShare*float64(total) {
		return body
	}
	return kept
}
