// Appended to constructs 10.4's lib/construct.js in the bundle (scripts/bundle.mjs), whose
// `path` getter is renamed `uncachedPath`. A node's path joins the ids of all its scopes, and
// neither changes once the node exists; cdktf reads it many times per element (logical ids,
// metadata, aspects), so each node computes it once.
const CACHED_PATH = Symbol("cachedPath");

Object.defineProperty(Node.prototype, "path", {
  configurable: true,
  get() {
    if (this[CACHED_PATH] === undefined) this[CACHED_PATH] = this.uncachedPath;
    return this[CACHED_PATH];
  },
});
