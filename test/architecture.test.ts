// The module boundary (test/architecture/check.ts): none crossed in src/, and every rule caught in
// a fixture tree that breaks each one once, so the check cannot pass by finding nothing.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkArchitecture, type Violation } from './architecture/check.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '..');
const fixtureRoot = path.join(here, 'architecture', 'fixture');

const show = (vs: Violation[]) => vs.map((v) => `  ${v.rule}  ${v.file}: ${v.detail}`).join('\n');

describe('the module boundary', () => {
  it('holds in src/', () => {
    const found = checkArchitecture(projectRoot);
    assert.equal(found.length, 0, `the module boundary is crossed:\n${show(found)}`);
  });

  it('catches each rule once in the fixture tree, and nothing in its allowed files', () => {
    const found = checkArchitecture(fixtureRoot);
    const pairs = found.map((v) => `${v.rule} ${v.file}`).sort();
    assert.deepEqual(
      pairs,
      [
        'foreign-table src/modules/alpha/rule-d-foreign-table.ts',
        'module-cycle src/modules/cycle-one/index.ts',
        'module-imports src/modules/alpha/rule-a-internal-file.ts',
        'module-imports src/modules/alpha/rule-a-outside.ts',
        'module-imports src/modules/alpha/rule-a-undeclared-module.ts',
        'module-listed src/modules/rule-e-no-index',
        'module-listed src/modules/rule-e-unlisted',
        'platform-imports-module src/db/rule-b-db-imports-module.ts',
        'platform-imports-module src/platform/rule-b-platform-imports-module.ts',
      ],
      show(found),
    );
    const detail = (file: string) => found.find((v) => v.file === file)?.detail;
    assert.match(detail('src/modules/alpha/rule-a-internal-file.ts')!, /internal file of module "beta"/);
    assert.match(
      detail('src/modules/alpha/rule-a-undeclared-module.ts')!,
      /"gamma", which is not in the dependsOn/,
    );
    assert.match(detail('src/modules/cycle-one/index.ts')!, /cycle-one → cycle-two → cycle-one/);
    assert.match(detail('src/modules/alpha/rule-d-foreign-table.ts')!, /"beta_item" of module "beta"/);
  });
});
