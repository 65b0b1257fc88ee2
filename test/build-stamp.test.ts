// `npm start`'s up-to-date check (scripts/build-stamp.mjs), on a copy of the project in a temporary
// folder built for real: fresh after a build, stale after a source file is changed, added, deleted
// or renamed, when the stamp or an output is missing; a failed build leaves no stamp, and the
// prestart command builds only when the build is stale.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildOutputs, buildState, ensureBuilt, inputsHash, stampPath } from '../scripts/build-stamp.mjs';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the build stamp', () => {
  let root: string;
  const file = (relative: string) => path.join(root, relative);
  /** Runs the prestart command in the copy; returns its output. */
  const prestart = () => {
    const run = spawnSync(process.execPath, ['scripts/build-stamp.mjs'], { cwd: root, encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  };

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'klaster-build-stamp-'));
    for (const entry of ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json']) {
      cpSync(path.join(projectRoot, entry), file(entry), { recursive: true });
    }
    // The installed packages linked one by one, and npm's record of them copied: an `npm install`
    // elsewhere during the test must not change the copy's inputs.
    mkdirSync(file('node_modules'));
    for (const entry of readdirSync(path.join(projectRoot, 'node_modules'))) {
      const from = path.join(projectRoot, 'node_modules', entry);
      if (entry === '.package-lock.json') cpSync(from, file(`node_modules/${entry}`));
      else symlinkSync(from, file(`node_modules/${entry}`));
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('is stale before the first build, which the prestart command runs', () => {
    assert.equal(buildState(root), 'stale');
    const run = prestart();
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /server built in build\//);
    for (const output of buildOutputs) assert.ok(existsSync(file(output)), output);
    assert.equal(readFileSync(stampPath(root), 'utf8').trim(), inputsHash(root));
    assert.equal(buildState(root), 'fresh');
  });

  it('does not build again while nothing changed', () => {
    const run = prestart();
    assert.equal(run.status, 0, run.output);
    assert.equal(run.output, '');
    assert.equal(ensureBuilt(root), false);
  });

  it('is stale after a source file changes, and fresh again when it is as built', () => {
    const main = file('src/main.ts');
    const original = readFileSync(main);
    appendFileSync(main, '\n// changed\n');
    assert.equal(buildState(root), 'stale');
    writeFileSync(main, original);
    assert.equal(buildState(root), 'fresh');
  });

  it('is stale after a source file is added, deleted or renamed', () => {
    const added = file('src/platform/added-for-the-test.ts');
    writeFileSync(added, 'export const x = 1;\n');
    assert.equal(buildState(root), 'stale', 'added');
    rmSync(added);
    assert.equal(buildState(root), 'fresh');

    const styles = file('src/styles/klaster.scss');
    const kept = readFileSync(styles);
    rmSync(styles);
    assert.equal(buildState(root), 'stale', 'deleted');
    writeFileSync(styles, kept);
    assert.equal(buildState(root), 'fresh');

    renameSync(file('src/platform/paths.ts'), file('src/platform/paths2.ts'));
    assert.equal(buildState(root), 'stale', 'renamed');
    renameSync(file('src/platform/paths2.ts'), file('src/platform/paths.ts'));
    assert.equal(buildState(root), 'fresh');
  });

  it('is stale after a build script, the package files, tsconfig.json or the installed packages change', () => {
    for (const input of [
      'scripts/build.ts',
      'scripts/build-assets.ts',
      'scripts/build-stamp.mjs',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'node_modules/.package-lock.json',
    ]) {
      const original = readFileSync(file(input));
      appendFileSync(file(input), '\n');
      assert.equal(buildState(root), 'stale', input);
      writeFileSync(file(input), original);
      assert.equal(buildState(root), 'fresh', input);
    }
  });

  it('is stale when the stamp or a built file is missing', () => {
    const stamp = readFileSync(stampPath(root));
    rmSync(stampPath(root));
    assert.equal(buildState(root), 'stale', 'no stamp');
    writeFileSync(stampPath(root), 'not the hash\n');
    assert.equal(buildState(root), 'stale', 'another stamp');
    writeFileSync(stampPath(root), stamp);
    assert.equal(buildState(root), 'fresh');

    for (const output of ['build/main.mjs', 'public/build/klaster.css']) {
      const kept = readFileSync(file(output));
      rmSync(file(output));
      assert.equal(buildState(root), 'stale', output);
      writeFileSync(file(output), kept);
      assert.equal(buildState(root), 'fresh', output);
    }
  });

  it('leaves no stamp when the build fails, and builds again on the next start', () => {
    const main = file('src/main.ts');
    const original = readFileSync(main);
    appendFileSync(main, '\nexport const = ;\n');
    assert.ok(existsSync(stampPath(root)), 'the stamp of the last good build');
    const failed = prestart();
    assert.equal(failed.status, 1, failed.output);
    assert.match(failed.output, /building failed/);
    assert.equal(existsSync(stampPath(root)), false);

    writeFileSync(main, original);
    assert.equal(buildState(root), 'stale', 'the stamp is gone, so even the old sources build again');
    assert.equal(ensureBuilt(root, 'pipe'), true);
    assert.equal(buildState(root), 'fresh');
  });
});
