// Every action the services write to the audit log reads as words in the back office, in each
// language: the test finds the action names in the sources of the services that call audit().
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { locales, messages } from '../../platform/i18n/index.ts';

const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function auditActions(): string[] {
  const found = new Set<string>();
  // Every source file of every module, in subfolders too (spaces/bookings/ holds the booking use cases).
  for (const file of readdirSync(modules, { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(file) || file.includes('.test.')) continue;
    const source = readFileSync(path.join(modules, file), 'utf8');
    if (!source.includes('audit(')) continue;
    for (const m of source.matchAll(/action:[^,\n]*/g))
      for (const name of m[0].matchAll(/'([a-z_]+\.[a-z_]+)'/g)) found.add(name[1]!);
  }
  return [...found].sort();
}

test('every audited action has a label in Polish, English and Ukrainian', () => {
  const actions = auditActions();
  assert.ok(actions.length >= 25, `found only ${actions.length}`);
  assert.ok(actions.includes('space_booking.approved'));
  for (const locale of locales) {
    const labels = messages[locale].audit.actions as Record<string, string>;
    const missing = actions.filter((a) => !labels[a]);
    assert.deepEqual(missing, [], `${locale} lacks labels`);
  }
});
