// `npm run build`: node scripts/build.mjs [outfile] [entry], default dist/main.js from main.ts.
import { bundle } from "./bundle.mjs";

await bundle(process.argv[2] ?? "dist/main.js", ".", process.argv[3] ?? "main.ts");
