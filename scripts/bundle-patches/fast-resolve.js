// Appended to cdktf 0.21's lib/tokens/private/resolve.js in the bundle (scripts/bundle.mjs),
// whose own `resolve` is renamed `tokenResolve`. cdktf resolves every value of every stack
// twice during synthesis (each element, then the whole stack; our stacks skip the third,
// preparing pass) and, for each, builds two closures, copies the key path and
// joins it into a string. Most values hold no token: this walks those plainly and hands
// anything that is or may be a token — and every error case — to cdktf's own code with
// the same options, so the output is unchanged (test/synth-cli.test.ts compares it with
// unpatched in-process synthesis).
const NUMBER_LIKE = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;

function mayHoldToken(text) {
  return (
    text.includes("TfToken[") ||
    text === token_1.Token.STRING_MAP_TOKEN_VALUE ||
    text === token_1.Token.ANY_MAP_TOKEN_VALUE ||
    NUMBER_LIKE.test(text)
  );
}

// The key path is kept as a linked list and turned into cdktf's array only when cdktf's code
// runs, so plain values never copy it.
function pathOf(at) {
  const path = [];
  for (let step = at; step !== undefined; step = step.parent) path.push(step.key);
  return path.reverse();
}

// biome-ignore lint/correctness/noUnusedVariables: cdktf's module exports it (`exports.resolve = resolve`).
function resolve(obj, options) {
  const base = options.prefix || [];
  return plainResolve(obj, options, base, undefined, base.length);
}

function plainResolve(obj, options, base, at, depth) {
  if (obj === undefined) return undefined;
  if (obj === null) return null;
  const type = typeof obj;
  if (type === "boolean") return obj;
  if (type === "string" && !mayHoldToken(obj)) return obj;
  if (type === "number" && obj !== token_1.Token.NUMBER_MAP_TOKEN_VALUE && encoding_1.extractTokenDouble(obj, false) === undefined) {
    return obj;
  }
  const plain = depth <= 200 && type === "object" && (Array.isArray(obj) ? isPlainArray(obj) : isPlainObject(obj));
  if (!plain) {
    return tokenResolve(obj, at === undefined ? options : { ...options, prefix: base.concat(pathOf(at)) });
  }
  if (Array.isArray(obj)) {
    const resolved = [];
    for (let i = 0; i < obj.length; i++) {
      const value = plainResolve(obj[i], options, base, { parent: at, key: `${i}` }, depth + 1);
      if (value !== undefined) resolved.push(value);
    }
    return resolved;
  }
  const resolved = {};
  for (const key of Object.keys(obj)) {
    const name = mayHoldToken(key) ? plainResolve(key, options, base, at, depth) : key;
    if (typeof name !== "string") return tokenResolve(obj, { ...options, prefix: base.concat(pathOf(at)) });
    const value = plainResolve(obj[key], options, base, { parent: at, key }, depth + 1);
    if (value !== undefined) resolved[name] = value;
  }
  return resolved;
}

function isPlainArray(obj) {
  return !encoding_1.containsStringListTokenElement(obj) && !encoding_1.containsNumberListTokenElement(obj);
}

function isPlainObject(obj) {
  return !(obj instanceof Date) && !encoding_1.containsMapToken(obj) && !encoding_1.unresolved(obj) && !isConstruct(obj);
}
