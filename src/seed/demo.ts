// Demo data for the Zabłocie 20.22 cluster, taken from the public documents in shared/seeds: each
// module loads its own (its manifest's `demo`), in dependency order. Idempotent: safe on every start.
import type { Klaster } from '../app.ts';

export { DEMO_PASSWORD, demoAccounts } from '../modules/accounts/index.ts';
export { demoSubareas } from '../modules/places/index.ts';

export async function loadDemoData(
  k: Pick<Klaster, 'modules' | 'platform' | 'services'>,
): Promise<{ created: boolean }> {
  let created = false;
  for (const m of k.modules.list) {
    if (!m.demo) continue;
    const deps = Object.fromEntries((m.dependsOn as string[]).map((d) => [d, k.services.get(d)]));
    created = (await m.demo(k.platform, k.services.get(m.name), deps)) || created;
  }
  return { created };
}
