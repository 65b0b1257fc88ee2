// `npm start`'s build: the stylesheet and browser islands (build-assets.ts), and the server compiled
// ahead of time into build/ (main.mjs, cli/main.mjs), so production runs on plain Node without a TypeScript loader
// (a smaller, faster-starting process). Dependencies stay in node_modules (not bundled).
// build/.stamp (build-stamp.mjs) records the inputs built: removed first, written last, so a failed
// build leaves none and the next `npm start` builds again.
import path from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../src/platform/paths.ts';
import { inputsHash, removeStamp, writeStamp } from './build-stamp.mjs';

const inputs = inputsHash(projectRoot);
removeStamp(projectRoot);
await import('./build-assets.ts');

await build({
  entryPoints: [path.join(projectRoot, 'src/main.ts'), path.join(projectRoot, 'src/cli/main.ts')],
  outdir: path.join(projectRoot, 'build'),
  outExtension: { '.js': '.mjs' },
  entryNames: '[dir]/[name]',
  outbase: path.join(projectRoot, 'src'),
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node22',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: 'linked',
  logLevel: 'warning',
});
writeStamp(inputs, projectRoot);
console.log('server built in build/');
