// The clock of the tests: the app built by createTestApp and every service a test builds by hand
// read it. It starts at TEST_NOW when that is set — a Warsaw wall-clock time such as
// `2026-12-24T09:00` (CI runs the calendar-sensitive suites again on a few hard days: see
// scripts/test-all.sh) — and otherwise now; it runs at the real pace. A test that needs a given
// day sets it (`testClock.set(…)`, `testClock.at(…, fn)`).
import { SettableClock } from '../../src/platform/time/clock.ts';
import { warsawInstant } from '../../src/platform/time/warsaw.ts';

/** Reads TEST_NOW: `YYYY-MM-DDTHH:MM` in Warsaw, or an ISO instant with its offset. */
export function parseTestNow(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value);
  const instant = local ? warsawInstant(local[1]!, local[2]!) : new Date(value);
  if (!Number.isFinite(instant.getTime())) throw new Error(`TEST_NOW is not a time: ${value}`);
  return instant;
}

export const testClock = new SettableClock(parseTestNow(process.env.TEST_NOW));

/**
 * The moment the demo data describes: the cluster's desk-use agreements run from January 2025 to
 * October 2026 ("108 since the start of 2025", src/modules/spaces/seed-agreements.ts). Tests of what
 * the demo data shows put the clock here; everything else stays on the test clock.
 */
export const DEMO_MOMENT = warsawInstant('2026-11-23', '10:00');
