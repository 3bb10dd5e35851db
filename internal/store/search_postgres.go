package store

// pgSearch is Search on PostgreSQL: the same columns as sqlSearch, from
// article_search (see migrations/postgres/0002_search.sql). Every word is
// required (plainto_tsquery ANDs them) and the excerpt marks matches with
// MarkStart and MarkEnd, as FTS5's snippet does.
const pgSearch = `SELECT v.article_id, a.url, o.name, v.seq, v.title,
		ts_headline('simple', v.text, q, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) ||
			', MaxWords=` + snippetTokens + `, MinWords=` + pgSnippetMinWords + `')
	FROM article_search s
	CROSS JOIN plainto_tsquery('simple', ?) AS q
	JOIN versions v ON v.id = s.version_id
	JOIN articles a ON a.id = s.article_id
	JOIN outlets o ON o.id = a.outlet_id
	WHERE s.doc @@ q
	ORDER BY ts_rank(s.doc, q) DESC, s.article_id
	LIMIT ?`

// pgSnippetMinWords keeps short excerpts readable; ts_headline requires
// MinWords < MaxWords.
const pgSnippetMinWords = "12"
