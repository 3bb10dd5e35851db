// check.mjs FILE: reads a WARC file with webrecorder's warcio, recomputes
// every record's WARC-Block-Digest and WARC-Payload-Digest with warcio's
// serializer and compares them with the ones written. Prints one JSON line
// {"records":N,"types":{...},"digests":N,"errors":[...]}; exits 1 on any
// error.
import fs from "node:fs";
import { WARCParser, WARCSerializer } from "warcio";
import { createSHA1 } from "hash-wasm";
import base32Encode from "base32-encode";

const file = process.argv[2];
const out = { records: 0, types: {}, digests: 0, errors: [] };

const parser = new WARCParser(fs.createReadStream(file), { keepHeadersCase: true });
for await (const record of parser) {
  out.records++;
  const type = record.warcType;
  out.types[type] = (out.types[type] || 0) + 1;
  const id = record.warcHeaders.headers.get("WARC-Record-ID");
  const want = {
    block: record.warcBlockDigest,
    payload: record.warcPayloadDigest,
  };
  let got;
  if (type === "warcinfo") {
    // The serializer leaves warcinfo undigested: hash its block the way
    // it hashes the others.
    const h = await createSHA1();
    h.init();
    h.update(await record.readFully(false));
    got = { block: "sha1:" + base32(h.digest("binary")) };
  } else {
    const s = new WARCSerializer(record, { digest: { algo: "sha-1", prefix: "sha1:", base32: true } });
    await s.digestRecord({ recompute: true });
    got = {
      block: record.warcHeaders.headers.get("WARC-Block-Digest"),
      payload: record.warcHeaders.headers.get("WARC-Payload-Digest"),
    };
  }
  for (const k of ["block", "payload"]) {
    if (!want[k]) continue;
    out.digests++;
    if (want[k] !== got[k]) {
      out.errors.push(`${id}: ${k} digest ${want[k]}, computed ${got[k]}`);
    }
  }
  if (!want.block) out.errors.push(`${id}: no WARC-Block-Digest`);
  if ((type === "response" || type === "request") && !record.httpHeaders) {
    out.errors.push(`${id}: ${type} without an HTTP message`);
  }
}
console.log(JSON.stringify(out));
process.exit(out.errors.length ? 1 : 0);

function base32(bytes) {
  return base32Encode(bytes, "RFC4648");
}
