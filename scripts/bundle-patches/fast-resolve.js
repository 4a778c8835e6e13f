// Appended to cdktf 0.21's lib/tokens/private/resolve.js in the bundle (scripts/bundle.mjs),
// whose own `resolve` is renamed `tokenResolve`. cdktf resolves every value of every stack
// twice during synthesis (each element, then the whole stack; our stacks skip the third,
// preparing pass) and, for each, builds two closures, copies the key path and
// joins it into a string, and copies every array and object. Most values hold no token: this
// walks those plainly, copying only what changes, and hands
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
  // Copy on write: a container whose values all resolve to themselves is returned as it is, so
  // token-free parts of a stack are not copied on either pass. Only plain arrays and objects
  // are kept; anything else is copied as cdktf copies it.
  const keep = Object.getPrototypeOf(obj) === (Array.isArray(obj) ? Array.prototype : Object.prototype);
  if (Array.isArray(obj)) {
    let resolved = keep ? undefined : [];
    for (let i = 0; i < obj.length; i++) {
      const item = obj[i];
      const value = plainResolve(item, options, base, { parent: at, key: `${i}` }, depth + 1);
      if (resolved === undefined) {
        if (value === item && value !== undefined) continue;
        resolved = obj.slice(0, i);
      }
      if (value !== undefined) resolved.push(value);
    }
    return resolved ?? obj;
  }
  const keys = Object.keys(obj);
  let resolved = keep ? undefined : {};
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    const name = mayHoldToken(key) ? plainResolve(key, options, base, at, depth) : key;
    if (typeof name !== "string") return tokenResolve(obj, { ...options, prefix: base.concat(pathOf(at)) });
    const item = obj[key];
    const value = plainResolve(item, options, base, { parent: at, key }, depth + 1);
    if (resolved === undefined) {
      if (name === key && value === item && value !== undefined) continue;
      resolved = {};
      for (let j = 0; j < k; j++) resolved[keys[j]] = obj[keys[j]];
    }
    if (value !== undefined) resolved[name] = value;
  }
  return resolved ?? obj;
}

function isPlainArray(obj) {
  return !encoding_1.containsStringListTokenElement(obj) && !encoding_1.containsNumberListTokenElement(obj);
}

function isPlainObject(obj) {
  return !(obj instanceof Date) && !mayContainMapToken(obj) && !encoding_1.unresolved(obj) && !isConstruct(obj);
}

// cdktf's containsMapToken builds a matcher for every key; a key can only be a map token if it
// holds the marker, so only objects with such a key are handed to it.
function mayContainMapToken(obj) {
  for (const key of Object.keys(obj)) {
    if (key.includes(encoding_1.BEGIN_MAP_TOKEN_MARKER)) return encoding_1.containsMapToken(obj);
  }
  return false;
}
