-- 0012_capture_order: the WARC export reads every capture in the order it
-- was fetched, a page at a time; without this index each page would scan
-- and sort the captures table. (Versions by capture are indexed since
-- 0006.)
CREATE INDEX captures_fetched ON captures(fetched_at, hash);
