-- 0019_fetch_mode: how each outlet's pages are fetched ('http', or
-- 'browser': rendered in headless Chromium), and the latest plain fetch
-- whose text fell far short of what the feed entry or the page's
-- articleBody promised (short_count such fetches since the mode last
-- changed), behind the outlet page's suggestion of the browser mode.
-- article_promises keeps how many words an article's feed entry held
-- (its content, else its summary), what a plain fetch is held against.
ALTER TABLE outlets ADD COLUMN fetch_mode TEXT NOT NULL DEFAULT 'http';
ALTER TABLE outlets ADD COLUMN short_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outlets ADD COLUMN short_url TEXT NOT NULL DEFAULT '';
ALTER TABLE outlets ADD COLUMN short_words INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outlets ADD COLUMN short_promised INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outlets ADD COLUMN short_at BIGINT NOT NULL DEFAULT 0;
CREATE TABLE article_promises (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    words      INTEGER NOT NULL
);
