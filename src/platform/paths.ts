// The project's root folder (where package.json is), found from this file whether it runs from
// src/ through tsx or from the compiled bundle in build/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
}

export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));
