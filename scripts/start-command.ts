// The Node arguments of `npm start` (flags and the compiled entry), so benchmarks and process tests
// run the app exactly as production does. Builds first, as `prestart` does, when the build is missing
// or older than its sources (build-stamp.mjs), so they never run a stale build.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/platform/paths.ts';
import { ensureBuilt } from './build-stamp.mjs';

export function startArguments(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = pkg.scripts.start ?? '';
  const words = script.split(/\s+/).filter(Boolean);
  if (words[0] !== 'node') throw new Error(`the start script should run node: ${script}`);
  ensureBuilt(projectRoot);
  return words.slice(1);
}
