// Word-level redlines in the browser, mirroring app/drafting/worddiff.py so the live preview a
// delegate sees while typing is the redline the server will store. The server recomputes every
// diff: this is only a preview.
import { diff_match_patch } from "../vendor/diff-match-patch.module.js";

// A word with its trailing whitespace, one other character with its trailing whitespace, or the
// whitespace a text starts with (Python's `\w` is letters, digits and underscore of any script;
// combining marks and zero-width joiners are glued into the word, as the server does).
const TOKEN = /\s+|[\p{L}\p{N}\p{M}_\u200c\u200d]+\s*|[^\p{L}\p{N}\p{M}_\u200c\u200d\s]\s*/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}_\u200c\u200d]/u;
const REWRITE_SHARE = 0.4;

export function tokenize(text) {
  return text.match(TOKEN) || [];
}

// One UTF-16 unit per distinct token (diff-match-patch counts UTF-16 units): the private-use area
// first, then the CJK block, which diff-match-patch's cleanup also treats as non-word characters.
function codeUnit(index) {
  return String.fromCharCode(index < 0x1900 ? 0xe000 + index : 0x4e00 + (index - 0x1900));
}

function tokenDiff(oldTokens, newTokens) {
  const codes = new Map();
  const map = (tokens) =>
    tokens
      .map((token) => {
        if (!codes.has(token)) codes.set(token, codeUnit(codes.size));
        return codes.get(token);
      })
      .join("");
  const a = map(oldTokens);
  const b = map(newTokens);
  const dmp = new diff_match_patch();
  dmp.Diff_Timeout = 0;
  const diffs = dmp.diff_main(a, b, false);
  dmp.diff_cleanupSemantic(diffs);
  const runs = [];
  let i = 0;
  let j = 0;
  for (const [op, chars] of diffs) {
    const n = chars.length;
    if (op === 0) {
      runs.push(["equal", oldTokens.slice(i, i + n)]);
      i += n;
      j += n;
    } else if (op === -1) {
      runs.push(["delete", oldTokens.slice(i, i + n)]);
      i += n;
    } else {
      runs.push(["insert", newTokens.slice(j, j + n)]);
      j += n;
    }
  }
  return runs;
}

function isWordChar(ch) {
  return ch !== undefined && WORD_CHAR.test(ch);
}

function cutOk(text, k) {
  return k <= 0 || k >= text.length || !(isWordChar(text[k - 1]) && isWordChar(text[k]));
}

function trim(deleted, inserted) {
  if (!deleted || !inserted) return [0, 0];
  let limit = Math.min(deleted.length, inserted.length);
  let prefix = 0;
  while (prefix < limit && deleted[prefix] === inserted[prefix]) prefix += 1;
  while (prefix && !(cutOk(deleted, prefix) && cutOk(inserted, prefix))) prefix -= 1;
  limit -= prefix;
  let suffix = 0;
  while (
    suffix < limit &&
    deleted[deleted.length - 1 - suffix] === inserted[inserted.length - 1 - suffix]
  )
    suffix += 1;
  while (
    suffix &&
    !(cutOk(deleted, deleted.length - suffix) && cutOk(inserted, inserted.length - suffix))
  )
    suffix -= 1;
  return [prefix, suffix];
}

function append(segments, op, text) {
  if (!text) return;
  const last = segments[segments.length - 1];
  if (last && last[0] === op) last[1] += text;
  else segments.push([op, text]);
}

/** The word redline of `oldText` -> `newText` as [op, text] segments (op: equal/insert/delete). */
export function wordDiff(oldText, newText) {
  if (oldText === newText) return oldText ? [["equal", oldText]] : [];
  const oldTokens = tokenize(oldText);
  const newTokens = tokenize(newText);
  const runs = tokenDiff(oldTokens, newTokens);
  const kept = runs.filter(([op]) => op === "equal").reduce((n, [, t]) => n + t.length, 0);
  const changes = runs.filter(([op], k) => op !== "equal" && (k === 0 || runs[k - 1][0] === "equal"))
    .length;
  if (
    changes >= 2 &&
    kept < REWRITE_SHARE * oldTokens.length &&
    kept < REWRITE_SHARE * newTokens.length
  ) {
    return [
      ["delete", oldText],
      ["insert", newText],
    ];
  }
  const segments = [];
  let deleted = "";
  let inserted = "";
  const flush = () => {
    if (!deleted && !inserted) return;
    const [prefix, suffix] = trim(deleted, inserted);
    append(segments, "equal", deleted.slice(0, prefix));
    append(segments, "delete", deleted.slice(prefix, deleted.length - suffix));
    append(segments, "insert", inserted.slice(prefix, inserted.length - suffix));
    append(segments, "equal", deleted.slice(deleted.length - suffix));
    deleted = "";
    inserted = "";
  };
  for (const [op, tokens] of runs) {
    if (op === "equal") {
      flush();
      append(segments, "equal", tokens.join(""));
    } else if (op === "delete") deleted += tokens.join("");
    else inserted += tokens.join("");
  }
  flush();
  return segments;
}
