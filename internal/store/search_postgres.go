package store

// pgSearch is Search on PostgreSQL: the same columns and order as
// sqlSearch, from article_search (see migrations/postgres/0002_search.sql).
// Every word is required (plainto_tsquery ANDs them) and the excerpt marks
// matches with MarkStart and MarkEnd, as FTS5's snippet does. The inner
// query picks the page by version id alone; only its rows are joined and
// given an excerpt, and no match is ranked.
const pgSearch = `SELECT v.id, v.article_id, a.url, o.name, v.seq, v.title,
		ts_headline('simple', v.text, plainto_tsquery('simple', ?1), 'StartSel=' || chr(1) || ', StopSel=' || chr(2) ||
			', MaxWords=` + snippetTokens + `, MinWords=` + pgSnippetMinWords + `')
	FROM (SELECT s.version_id FROM article_search s
		WHERE s.doc @@ plainto_tsquery('simple', ?1) AND s.version_id < ?2
		ORDER BY s.version_id DESC LIMIT ?3) page
	JOIN versions v ON v.id = page.version_id
	JOIN articles a ON a.id = v.article_id
	JOIN outlets o ON o.id = a.outlet_id
	ORDER BY v.id DESC`

// pgSnippetMinWords keeps short excerpts readable; ts_headline requires
// MinWords < MaxWords.
const pgSnippetMinWords = "12"
