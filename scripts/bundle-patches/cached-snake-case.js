// Appended to cdktf 0.21's lib/util.js in the bundle (scripts/bundle.mjs), whose `snakeCase` is
// renamed `uncachedSnakeCase`. Every resource's meta-arguments are converted key by key with four
// regular expressions on each render; the same few dozen keys recur, so each is converted once.
const snakeCases = new Map();

function snakeCase(str) {
  if (typeof str !== "string") return uncachedSnakeCase(str);
  let converted = snakeCases.get(str);
  if (converted === undefined) {
    converted = uncachedSnakeCase(str);
    snakeCases.set(str, converted);
  }
  return converted;
}
