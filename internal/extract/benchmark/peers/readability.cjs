// Runs Mozilla Readability (with linkedom as the DOM) over the benchmark
// pages for extractbench. Usage: node readability.cjs MODULES_DIR DATA_DIR OUT_FILE
// Writes {id: {"articleBody": text}} to OUT_FILE and one JSON line of
// statistics ({"pages", "bytes", "seconds"}) to stdout; only parsing and
// extraction are timed.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const [modules, data, out] = process.argv.slice(2);
const { parseHTML } = require(path.join(modules, 'linkedom'));
const { Readability } = require(path.join(modules, '@mozilla', 'readability'));

const truth = JSON.parse(fs.readFileSync(path.join(data, 'ground-truth.json'), 'utf8'));
const result = {};
let bytes = 0;
let nanos = 0n;
for (const id of Object.keys(truth).sort()) {
  const html = zlib.gunzipSync(fs.readFileSync(path.join(data, 'html', id + '.html.gz'))).toString('utf8');
  bytes += Buffer.byteLength(html);
  const start = process.hrtime.bigint();
  let text = '';
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document).parse();
    text = (article && article.textContent) || '';
  } catch (e) {
    text = '';
  }
  nanos += process.hrtime.bigint() - start;
  result[id] = { articleBody: text };
}
fs.writeFileSync(out, JSON.stringify(result));
process.stdout.write(JSON.stringify({ pages: Object.keys(result).length, bytes, seconds: Number(nanos) / 1e9 }) + '\n');
