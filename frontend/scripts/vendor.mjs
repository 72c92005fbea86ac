// Copy the pinned npm packages the browser needs into vendor/ (run after `npm ci --ignore-scripts`).
// The copies are committed: neither Node nor node_modules is needed to run or test the app.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const vendor = join(root, "vendor");
mkdirSync(vendor, { recursive: true });

const read = (path) => readFileSync(join(modules, path), "utf8");
const version = (name) => JSON.parse(read(`${name}/package.json`)).version;

// htm + Preact + hooks in one ES module.
writeFileSync(
  join(vendor, "htm-preact-standalone.module.js"),
  `/* htm@${version("htm")} preact/standalone.module.js (htm: Apache-2.0; bundled Preact 10: MIT). */\n` +
    read("htm/preact/standalone.module.js"),
);

// diff-match-patch ships CommonJS only: wrap it so the browser can import it as an ES module.
writeFileSync(
  join(vendor, "diff-match-patch.module.js"),
  `/* diff-match-patch@${version("diff-match-patch")} (Apache-2.0), CommonJS wrapped as an ES module. */\n` +
    "const module = { exports: {} };\n" +
    "(function (module) {\n" +
    read("diff-match-patch/index.js") +
    "\n})(module);\n" +
    "export const diff_match_patch = module.exports.diff_match_patch;\n" +
    "export const DIFF_DELETE = module.exports.DIFF_DELETE;\n" +
    "export const DIFF_INSERT = module.exports.DIFF_INSERT;\n" +
    "export const DIFF_EQUAL = module.exports.DIFF_EQUAL;\n" +
    "export default module.exports;\n",
);

writeFileSync(join(vendor, "LICENSE.htm.txt"), read("htm/LICENSE"));
writeFileSync(join(vendor, "LICENSE.diff-match-patch.txt"), read("diff-match-patch/LICENSE"));
console.log(`vendored htm@${version("htm")}, diff-match-patch@${version("diff-match-patch")}`);
