// `npm run build`: node scripts/build.mjs [outfile], default dist/main.js.
import { bundle } from "./bundle.mjs";

await bundle(process.argv[2] ?? "dist/main.js");
