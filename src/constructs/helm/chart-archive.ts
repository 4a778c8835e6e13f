/**
 * A local chart packaged the way `helm package` ships one: a gzipped tar with every file under
 * `<chart>/`. One file per release instead of a directory tree keeps each stack's output small
 * to write, copy between CI jobs and delete. The bytes are deterministic (sorted entries, fixed
 * mode, owner and time, no name or time in the gzip header), so the same chart gives the same
 * archive on every machine.
 */
import { gzipSync } from "node:zlib";

const BLOCK = 512;
/** ustar splits a path into a prefix (≤ 155 bytes) and a name (≤ 100 bytes) at a slash. */
const NAME_BYTES = 100;
const PREFIX_BYTES = 155;
/** The gzip header's operating-system byte: "unknown", instead of the building machine's. */
const GZIP_OS_OFFSET = 9;
const GZIP_OS_UNKNOWN = 255;

/** The chart `files` (relative path → content) as a `.tgz` Helm loads, under the folder `chart`. */
export function chartArchive(chart: string, files: Readonly<Record<string, string>>): Buffer {
  const blocks: Buffer[] = [];
  for (const path of Object.keys(files).sort()) {
    const content = Buffer.from(files[path], "utf8");
    blocks.push(header(`${chart}/${path}`, content.length), content, Buffer.alloc(padding(content.length)));
  }
  blocks.push(Buffer.alloc(2 * BLOCK)); // end of archive
  const archive = gzipSync(Buffer.concat(blocks));
  archive[GZIP_OS_OFFSET] = GZIP_OS_UNKNOWN;
  return archive;
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** A ustar header for a regular file, mode 0644, owned by 0:0, dated 1970-01-01. */
function header(path: string, size: number): Buffer {
  const [prefix, name] = splitPath(path);
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, "utf8");
  block.write("0000644\0", 100); // mode
  block.write("0000000\0", 108); // uid
  block.write("0000000\0", 116); // gid
  block.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  block.write("00000000000\0", 136); // mtime
  block.write("        ", 148); // checksum, counted as spaces
  block.write("0", 156); // regular file
  block.write("ustar\0" + "00", 257);
  block.write(prefix, 345, "utf8");
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  block.write(`${checksum.toString(8).padStart(6, "0")}\0 `, 148);
  return block;
}

function splitPath(path: string): [prefix: string, name: string] {
  if (Buffer.byteLength(path) <= NAME_BYTES) return ["", path];
  for (let slash = path.indexOf("/"); slash !== -1; slash = path.indexOf("/", slash + 1)) {
    const prefix = path.slice(0, slash);
    const name = path.slice(slash + 1);
    if (Buffer.byteLength(prefix) <= PREFIX_BYTES && Buffer.byteLength(name) <= NAME_BYTES) return [prefix, name];
  }
  throw new Error(`chart file path ${path} is too long for a chart archive: keep each file name under ${NAME_BYTES} bytes`);
}
