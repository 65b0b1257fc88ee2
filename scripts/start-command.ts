// The Node arguments of `npm start` (flags and the compiled entry), so benchmarks and process tests
// run the app exactly as production does. Builds the server first if it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/platform/paths.ts';

export function startArguments(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = pkg.scripts.start ?? '';
  const words = script.split(/\s+/).filter(Boolean);
  if (words[0] !== 'node') throw new Error(`the start script should run node: ${script}`);
  const entry = words[words.length - 1]!;
  if (!existsSync(path.join(projectRoot, entry))) {
    const built = spawnSync(path.join(projectRoot, 'node_modules/.bin/tsx'), ['scripts/build.ts'], {
      cwd: projectRoot,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('building the server failed');
  }
  return words.slice(1);
}
