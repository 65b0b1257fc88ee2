// The module contract (docs/architecture.md, decision record 011). A module is one folder under
// src/modules/<name>; its index.ts exports one manifest made with defineModule(), and
// src/modules/index.ts lists the manifests. The platform never imports a module: it reads the
// manifests it is given — their services, routes, jobs, texts, mails, navigation and contributors —
// and learns their types through the interfaces below, which each module augments.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { Database, Tx } from '../db/client.ts';
import type { Auth } from './auth/auth.ts';
import { installAuditLabels, installCatalogue, type Locale, type Messages } from './i18n/index.ts';
import { installMailTemplates, type MailTemplateSet } from './mail/outbox.ts';
import type { PersonalDataContributor } from './privacy.ts';
import { installRefusals, type RefusalTexts } from './refusals.ts';
import type { Clock } from './time/clock.ts';

/**
 * The services of every module by name. Each module's index.ts adds its own entry:
 * `declare module '../../platform/modules.ts' { interface ModuleServices { spaces: SpacesServices } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each module's declaration
export interface ModuleServices {}

export type ModuleName = keyof ModuleServices & string;

/** What the platform gives every module's factory, routes and jobs. */
export interface Platform {
  config: Config;
  database: Database;
  db: Database['db'];
  auth: Auth;
  clock: Clock;
  /** What the other modules contribute; ask it when needed (every module's services exist then). */
  registry: Registry;
}

/** The modules' contributions, read when used: a module may ask for those of modules built after it. */
export interface Registry {
  personalData(): PersonalDataContributor[];
  auditEntities(): Record<string, AuditEntityNames>;
  staffQueues(actor: StaffActorRef): Promise<StaffQueue[]>;
}

export interface StaffActorRef {
  id: string;
  role: 'resident' | 'staff' | 'evaluator' | 'admin';
  requestId: string;
}

/** A link in the site's main navigation or the back office's (`/panel`). */
export interface NavEntry {
  href: string;
  label: (t: Messages) => string;
  /** Lower first; modules interleave by it. */
  order: number;
  /** Who sees it (everyone when absent). */
  visible?: (actor: { role: string } | null) => boolean;
}

/** Background work of a module: its payload is checked by `payload` before `run` sees it. */
export interface JobDefinition<S = unknown, P extends z.ZodType = z.ZodType> {
  kind: string;
  payload: P;
  /** Recurring: enqueued every `intervalSeconds` (one schedule named after the kind). */
  every?: { seconds: number };
  run(payload: z.infer<P>, services: S, ctx: { jobId: string }): Promise<void>;
}

/** A record of the module as the audit log names it: its name and the staff page that shows it. */
export interface AuditEntityRef {
  /** In the reader's language where the record's name has translations. */
  name: string;
  href?: string | undefined;
  /** The name's language when it is not the reader's (a Polish name for want of a translation). */
  lang?: Locale | undefined;
}
/** The names of the records with these ids, for a reader in `locale` (one query per call). */
export type AuditEntityNames = (
  ids: readonly string[],
  locale: Locale,
) => Promise<Map<string, AuditEntityRef>>;

/** One queue on the officer's to-do list (the panel's dashboard). */
export interface StaffQueue {
  key: string;
  label: (t: Messages) => string;
  count: number;
  href: string;
  /** Lower first on the list. */
  order: number;
}

/** What a module adds to the platform's shared screens and duties. */
export interface Contributions<S> {
  /** "Download my data" and "delete my account". */
  personalData?: (services: S) => PersonalDataContributor;
  /** Names of the module's records in the audit log, by entity type. */
  auditEntities?: (services: S) => Record<string, AuditEntityNames>;
  /** Queues waiting for staff, for the actor of the dashboard. */
  staffQueues?: (services: S, actor: StaffActorRef) => Promise<StaffQueue[]>;
}

type Catalogues = Record<string, Record<Locale, unknown>>;

export interface ModuleManifest<N extends string = string, S = unknown, D extends ModuleName = never> {
  name: N;
  /** The modules whose services this one uses; they are built and registered before it. */
  dependsOn: readonly D[];
  /** Builds the module's services once per app, from the platform and its dependencies' services. */
  services(platform: Platform, deps: { [K in D]: ModuleServices[K] }): S;
  /** The module's pages and API: registered as one named plugin after those of its dependencies. */
  routes?: (app: FastifyInstance, opts: { services: S }) => Promise<void>;
  /** Runs before every module's routes (e.g. the terms gate). */
  hooks?: (app: FastifyInstance, opts: { services: S }) => Promise<void>;
  jobs?: ReadonlyArray<JobDefinition<S, z.ZodType>>;
  /** Message areas (`t.<area>`): each a catalogue() of the three languages. */
  messages?: Catalogues;
  /** Mail templates by name, in the three languages (names are unique across modules). */
  mails?: Record<Locale, MailTemplateSet>;
  nav?: { site?: NavEntry[]; panel?: NavEntry[]; footer?: NavEntry[] };
  /**
   * How its refusal codes read, by domain: the module's name for its routes, `<name>.<part>` for a
   * part whose codes mean other things (its routes call refusalDomain()). platform/refusals.ts.
   */
  refusals?: Record<string, RefusalTexts>;
  /** Labels of the module's audit actions, per language. */
  auditLabels?: Record<Locale, Record<string, string>>;
  contributes?: Contributions<S>;
  /** Demo data, loaded in dependency order on every start of the demo (idempotent): whether it created any. */
  demo?: (platform: Platform, services: S, deps: { [K in D]: ModuleServices[K] }) => Promise<boolean>;
}

// biome-ignore lint/suspicious/noExplicitAny: a list holds manifests of any service type
export type AnyModule = ModuleManifest<string, any, any>;

/** A manifest, typed: its dependencies' services reach its factory by name. */
export function defineModule<N extends string, S, D extends ModuleName = never>(
  m: ModuleManifest<N, S, D>,
): ModuleManifest<N, S, D> {
  return m;
}

export interface ComposedModules {
  /** In dependency order. */
  list: readonly AnyModule[];
  nav: { site: NavEntry[]; panel: NavEntry[]; footer: NavEntry[] };
}

/**
 * Checks a list of manifests (unique names, declared dependencies present, no cycles), orders it so
 * that every module comes after its dependencies, and installs its texts and mails. Throws on a
 * broken list, so a mistake stops the app at start, not at the first request.
 */
export function composeModules(list: readonly AnyModule[]): ComposedModules {
  const byName = new Map<string, AnyModule>();
  for (const m of list) {
    if (byName.has(m.name)) throw new Error(`module "${m.name}" is listed twice`);
    byName.set(m.name, m);
  }
  const ordered: AnyModule[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (m: AnyModule, path: string[]) => {
    if (state.get(m.name) === 'done') return;
    if (state.get(m.name) === 'visiting')
      throw new Error(`modules depend on each other in a cycle: ${[...path, m.name].join(' → ')}`);
    state.set(m.name, 'visiting');
    for (const d of m.dependsOn as string[]) {
      const dep = byName.get(d);
      if (!dep) throw new Error(`module "${m.name}" depends on "${d}", which is not listed`);
      visit(dep, [...path, m.name]);
    }
    state.set(m.name, 'done');
    ordered.push(m);
  };
  for (const m of list) visit(m, []);

  for (const m of ordered) {
    for (const [area, cat] of Object.entries(m.messages ?? {})) installCatalogue(area, cat, m.name);
    if (m.mails) installMailTemplates(m.mails, m.name);
    if (m.auditLabels) installAuditLabels(m.auditLabels, m.name);
    for (const [domain, texts] of Object.entries(m.refusals ?? {})) {
      if (domain !== m.name && !domain.startsWith(`${m.name}.`))
        throw new Error(`module "${m.name}" gives refusal texts for "${domain}", which is not its own`);
      installRefusals(domain, texts);
    }
  }
  const sorted = (pick: (m: AnyModule) => NavEntry[] | undefined) =>
    ordered.flatMap((m) => pick(m) ?? []).sort((a, b) => a.order - b.order);
  return {
    list: ordered,
    nav: {
      site: sorted((m) => m.nav?.site),
      panel: sorted((m) => m.nav?.panel),
      footer: sorted((m) => m.nav?.footer),
    },
  };
}

/**
 * Builds the services of every module once, in dependency order, and the registry through which
 * modules reach each other's contributions. The platform part comes without the registry.
 */
export function buildServices(
  modules: ComposedModules,
  base: Omit<Platform, 'registry'>,
): { platform: Platform; services: Map<string, unknown> } {
  const services = new Map<string, unknown>();
  const contributing = <K extends keyof Contributions<unknown>>(key: K) =>
    modules.list.flatMap((m) => {
      const c = m.contributes?.[key];
      return c ? [{ c: c as NonNullable<Contributions<unknown>[K]>, s: services.get(m.name) }] : [];
    });
  const registry: Registry = {
    personalData: () => contributing('personalData').map(({ c, s }) => c(s)),
    auditEntities: () => Object.assign({}, ...contributing('auditEntities').map(({ c, s }) => c(s))),
    staffQueues: async (actor) =>
      (await Promise.all(contributing('staffQueues').map(({ c, s }) => c(s, actor))))
        .flat()
        .sort((a, b) => a.order - b.order),
  };
  const platform: Platform = { ...base, registry };
  for (const m of modules.list) {
    const deps = Object.fromEntries((m.dependsOn as string[]).map((d) => [d, services.get(d)]));
    services.set(m.name, m.services(platform, deps as never));
  }
  return { platform, services };
}

export type { PersonalDataContributor, Tx };

/** One module's services, typed, from an app's built services (tests and the seed use it). */
export function servicesOf<N extends ModuleName>(services: Map<string, unknown>, name: N): ModuleServices[N] {
  const s = services.get(name);
  if (!s) throw new Error(`module "${name}" is not part of this app`);
  return s as ModuleServices[N];
}
