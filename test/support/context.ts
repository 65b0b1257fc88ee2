// A request context for calling a service directly in a test: the person acts now (the test
// clock), in their language, under a request id the audit rows can be found by.
import { randomUUID } from 'node:crypto';
import { contextFor, type RequestContext } from '../../src/platform/context.ts';
import type { PolicyActor } from '../../src/platform/policy.ts';
import type { Clock } from '../../src/platform/time/clock.ts';
import { testClock } from './clock.ts';

export const as = <A extends PolicyActor | null>(
  actor: A,
  options: { clock?: Clock; requestId?: string } = {},
): RequestContext<A> =>
  contextFor(actor, options.clock ?? testClock, { requestId: options.requestId ?? `test-${randomUUID()}` });
