// Appended to json-stable-stringify 1.3's index.js in the bundle (scripts/bundle.mjs), whose
// own export is renamed `stableStringifyInJs`. cdktf writes every stack's JSON with it
// ({ space: 2 }, keys sorted); its generic walk cost a few per cent of synthesis. This writes the
// same bytes for plain data — `toJSON`, undefined and functions handled as the original does,
// an empty object or array printed `{` newline indent `}` as it prints them — and leaves any
// other option (cmp, replacer, cycles, collapseEmpty) to the original.
const indents = [""];

function indentOf(level) {
  while (indents.length <= level) indents.push(`${indents[indents.length - 1]}  `);
  return indents[level];
}

function sortedJson(node, level) {
  if (node && typeof node.toJSON === "function") node = node.toJSON();
  if (node === undefined) return undefined;
  if (typeof node !== "object" || node === null) return JSON.stringify(node);
  const inner = `\n${indentOf(level + 1)}`;
  let out = "";
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      out += `${i === 0 ? "" : ","}${inner}${sortedJson(node[i], level + 1) || "null"}`;
    }
    return `[${out}\n${indentOf(level)}]`;
  }
  let first = true;
  for (const key of Object.keys(node).sort()) {
    const value = sortedJson(node[key], level + 1);
    if (!value) continue;
    out += `${first ? "" : ","}${inner}${JSON.stringify(key)}: ${value}`;
    first = false;
  }
  return `{${out}\n${indentOf(level)}}`;
}

module.exports = function stableStringify(obj, opts) {
  const simple = opts && opts.space === 2 && Object.keys(opts).length === 1;
  if (!simple) return stableStringifyInJs(obj, opts);
  return sortedJson(obj, 0);
};
