-- 0020_search_batched: a version's row in the full-text index is added by
-- the write that appended it, once, just before that write commits (see
-- wtx.indexSearch), instead of by a trigger. FTS5 writes what it holds in
-- memory to disk at every statement savepoint, and every statement with a
-- trigger or a SELECT opens one, so the trigger made one index segment
-- per version, merged again and again. Added at the end, the versions of
-- one transaction make one segment.
DROP TRIGGER versions_search_insert;
