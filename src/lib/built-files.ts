/** Reading the built site from the integrations that rewrite it after `astro build`. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under `dir` (at any depth) whose name ends in `ending`, e.g. `.html`. */
export async function filesUnder(dir: string, ending: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(ending)).map((e) => join(e.parentPath, e.name));
}
