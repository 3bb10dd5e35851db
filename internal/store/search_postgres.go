package store

// The PostgreSQL forms of Search's queries, over version_search (see
// migrations/postgres/0010_search_versions.sql). Every word is required
// (plainto_tsquery ANDs them) and the excerpt marks matches with
// MarkStart and MarkEnd, as FTS5's snippet does. No match is ranked.
const (
	pgSearchCandidates = `SELECT s.version_id, s.article_id FROM version_search s
		WHERE s.doc @@ plainto_tsquery('simple', ?1) AND s.version_id < ?2
		ORDER BY s.version_id DESC LIMIT ?3`
	pgSearchNewer = `SELECT EXISTS (SELECT 1 FROM version_search s
		WHERE s.article_id = ?1 AND s.version_id >= ?2 AND s.doc @@ plainto_tsquery('simple', ?3))`
	pgSearchHit = `SELECT a.url, o.name, v.seq, v.title,
		ts_headline('simple', v.text, plainto_tsquery('simple', ?1), 'StartSel=' || chr(1) || ', StopSel=' || chr(2) ||
			', MaxWords=` + snippetTokens + `, MinWords=` + pgSnippetMinWords + `'),
		(SELECT max(seq) FROM versions WHERE article_id = v.article_id)
	FROM versions v
	JOIN articles a ON a.id = v.article_id
	JOIN outlets o ON o.id = a.outlet_id
	WHERE v.id = ?2`
)

// pgSnippetMinWords keeps short excerpts readable; ts_headline requires
// MinWords < MaxWords.
const pgSnippetMinWords = "12"
