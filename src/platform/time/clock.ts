// The one clock the code asks what time it is. Everything that decides by the calendar — booking
// rules, deadlines, "today", reminders, agreements, invitations, reports, the time a change is
// recorded — reads `clock.now()` from the clock the app was built with, never `new Date()`.
// Production uses the system clock; tests set one (docs/decisions/006-one-injectable-clock.md).
//
// Left on the system and database clock on purpose: what better-auth writes and checks itself
// (session and token expiry, TOTP windows), rate-limit windows, job leases and mail retries. Those
// are about real elapsed time between machines, not about the calendar, and better-auth cannot be
// given a clock.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock tests move by hand. It starts at `start` and runs at the real pace from there (so
 * durations and "a few seconds later" still hold); `set` jumps to another instant, `advance` moves
 * it on by some milliseconds.
 */
export class SettableClock implements Clock {
  private offset: number;

  constructor(start: Date = new Date()) {
    this.offset = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  set(instant: Date): void {
    if (!Number.isFinite(instant.getTime())) throw new RangeError('Invalid date');
    this.offset = instant.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  /** Runs `fn` with the clock at `instant`, then puts it back where it would have been. */
  async at<T>(instant: Date, fn: () => Promise<T> | T): Promise<T> {
    const before = this.offset;
    this.set(instant);
    try {
      return await fn();
    } finally {
      this.offset = before;
    }
  }
}
