// Bundles src/widget.js (with socket.io-client and the CSS) into one script,
// dist/heartwise-widget.js, and reports its size.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

const outfile = "dist/heartwise-widget.js";
await build({
  entryPoints: ["src/widget.js"],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  loader: { ".css": "text" },
  legalComments: "eof",
  outfile,
});
const bytes = readFileSync(outfile);
console.log(`${outfile}: ${(bytes.length / 1024).toFixed(1)} KiB, ${(gzipSync(bytes).length / 1024).toFixed(1)} KiB gzipped`);
