// The calls module's ranking benchmark (issue 13): a call with 10 criteria and 10,000 accepted
// applications, each evaluated by 3 of 30 evaluators (30,000 submitted evaluations, 300,000
// scores), written with a few bulk statements; then the ranking computed through the service as
// the chair asks for it (the stored rows read, ranking.ts run), timed several times.
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { modules } from '../src/modules/index.ts';
import { createAuth } from '../src/platform/auth/auth.ts';
import { contextFor } from '../src/platform/context.ts';
import { buildServices, servicesOf } from '../src/platform/modules.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { AUTH_SECRET, appEnv, BASE_URL } from './harness.ts';

export const RANKING_APPLICATIONS = 10_000;
const CRITERIA = 10;
const EVALUATORS = 30;
const PER_APPLICATION = 3;
const RUNS = 5;
const CALL_ID = '00000000-0000-4000-9000-000000000001';

export interface RankingBench {
  seedMs: number;
  /** Each computation's time, in order (the first one cold). */
  runsMs: number[];
  rows: number;
}

export async function measureRanking(dataDir: string, databaseUrl?: string): Promise<RankingBench> {
  const config = loadConfig(appEnv(dataDir, databaseUrl));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
  try {
    await runMigrations(database);
    const { db } = database;
    const seeded = performance.now();
    await db.execute(sql`
      insert into call_call (id, number_prefix, number_year, kind, status, title, opens_at, deadline_at,
                             persons_may_apply, budget, max_amount, created_at, updated_at)
      values (${CALL_ID}, 'BENCH', 2026, 'ngo_grant', 'published', 'Ranking bench',
              now() - interval '60 days', now() - interval '30 days', true, 2000000000, 1000000, now(), now())
      on conflict do nothing`);
    await db.execute(sql`
      insert into call_criterion (id, call_id, position, name, max_points, weight, min_points)
      select gen_random_uuid(), ${CALL_ID}, c, 'Kryterium ' || c, 10, (1 + (c % 3) * 0.5)::numeric,
             case when c = 1 then 3 end
      from generate_series(1, ${CRITERIA}) c`);
    await db.execute(sql`
      insert into auth_user (id, name, email, email_verified, role)
      select 'bench-evaluator-' || e, 'Ekspert ' || e, 'ekspert' || e || '@bench.example', true, 'evaluator'
      from generate_series(1, ${EVALUATORS}) e on conflict do nothing`);
    await db.execute(sql`
      insert into call_application (id, call_id, form_version, status, title, seq, number, submitted_at,
                                    amount_requested, created_at, updated_at)
      select ('00000000-0000-4000-9100-' || lpad(a::text, 12, '0'))::uuid, ${CALL_ID}, 1, 'accepted',
             'Wniosek ' || a, a, 'BENCH/2026/' || lpad(a::text, 5, '0'),
             now() - interval '40 days' + a * interval '1 second', 100000 + (a % 90) * 10000, now(), now()
      from generate_series(1, ${RANKING_APPLICATIONS}) a`);
    await db.execute(sql`
      insert into call_assignment (id, application_id, evaluator_id, status, due_at, declared_at,
                                   submitted_at, created_at)
      select ('00000000-0000-4000-9200-' || lpad((a * 10 + k)::text, 12, '0'))::uuid,
             ('00000000-0000-4000-9100-' || lpad(a::text, 12, '0'))::uuid,
             'bench-evaluator-' || (1 + (a * 7 + k * 11) % ${EVALUATORS}), 'submitted',
             now(), now() - interval '10 days', now() - interval '5 days', now()
      from generate_series(1, ${RANKING_APPLICATIONS}) a, generate_series(1, ${PER_APPLICATION}) k`);
    // Points from a hash of (application, evaluator, criterion): spread, with ties and some
    // dispersion, as real juries give them.
    await db.execute(sql`
      insert into call_score (id, assignment_id, criterion_id, points, justification, submitted_at, created_at)
      select gen_random_uuid(), s.id, c.id,
             (abs(hashtext(s.id::text || c.id::text)) % 21) / 2.0, 'Uzasadnienie', now(), now()
      from call_assignment s join call_application a on a.id = s.application_id and a.call_id = ${CALL_ID}
      cross join call_criterion c where c.call_id = ${CALL_ID}`);
    await db.execute(sql`analyze call_application, call_assignment, call_score, call_criterion`);
    const seedMs = performance.now() - seeded;

    const auth = createAuth({ db, baseUrl: BASE_URL, secret: AUTH_SECRET, production: true });
    const built = buildServices(modules, { config, database, db, auth, clock: systemClock });
    const { scoring } = servicesOf(built.services, 'calls').judging;
    const staff = contextFor({ id: 'bench-staff', role: 'staff' as const }, systemClock);
    const runsMs: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const result = await scoring.computeRanking(staff, CALL_ID);
      runsMs.push(performance.now() - started);
      rows = result.rows.length;
    }
    return { seedMs, runsMs, rows };
  } finally {
    await database.close();
  }
}
