import { z } from 'zod';
import { f } from '../../../platform/http/forms.ts';
import { normaliseKrs, normaliseNip, normaliseRegon } from '../../../platform/validators/polish-ids.ts';
import { krsKinds, memberRoles, nipRequiredKinds, organisationKinds } from '../schema.ts';

// ---------------------------------------------------------------------------------------------
// Input: one zod schema for the HTML form and the JSON API. Issue messages are keys of
// t.common.errors or t.organisations.errors, so both surfaces say the same thing in three languages.

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** An optional Polish identifier: normalised to digits, refused with its own message if invalid. */
const identifier = (normalise: (s: string) => string | null, key: 'nip' | 'regon' | 'krs') =>
  z
    .string()
    .max(40, { error: key })
    .optional()
    .transform((v, ctx) => {
      const trimmed = v?.trim();
      if (!trimmed) return undefined;
      const n = normalise(trimmed);
      if (!n) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return n;
    });

/** https only; "fablab.pl" gets https:// in front, "http://…" is refused. */
function httpsUrl(value: string): string | null {
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'https:' || !url.hostname.includes('.') || url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}

export const organisationInput = z
  .object({
    name: f.text(200),
    kind: f.choice(organisationKinds),
    nip: identifier(normaliseNip, 'nip'),
    regon: identifier(normaliseRegon, 'regon'),
    krs: identifier(normaliseKrs, 'krs'),
    description: f.text(2000),
    website: optional(500).transform((v, ctx) => {
      if (v === undefined) return undefined;
      const url = httpsUrl(v);
      if (!url) {
        ctx.addIssue({ code: 'custom', message: 'url' });
        return z.NEVER;
      }
      return url;
    }),
    publicEmail: optional(254).refine((v) => v === undefined || z.email().safeParse(v).success, {
      error: 'email',
    }),
    /** Slug of a revitalisation subarea (places module). */
    subarea: optional(100),
    /**
     * On registration: the person has seen the organisations with a similar name and says theirs
     * is another one. Without it a similar name is refused once (409 similarName) with links.
     */
    confirmSimilarName: z
      .union([z.boolean(), z.literal('on'), z.literal('true')])
      .optional()
      .transform((v) => v === true || v === 'on' || v === 'true'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'informal_group') {
      for (const key of ['nip', 'regon', 'krs'] as const)
        if (v[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'identifiersNotAllowed' });
      return;
    }
    if (nipRequiredKinds.includes(v.kind) && !v.nip)
      ctx.addIssue({ code: 'custom', path: ['nip'], message: 'nipRequired' });
    if (v.krs && !krsKinds.includes(v.kind))
      ctx.addIssue({ code: 'custom', path: ['krs'], message: 'krsNotAllowed' });
  });
type ParsedOrganisation = z.output<typeof organisationInput>;
/** What the service takes: the parsed form (optional fields may be left out). */
export type OrganisationInput = Pick<ParsedOrganisation, 'name' | 'kind' | 'description'> &
  Partial<Omit<ParsedOrganisation, 'name' | 'kind' | 'description' | 'confirmSimilarName'>> & {
    confirmSimilarName?: boolean | 'on' | 'true' | undefined;
  };

// create() and update() check their input again with checkedInput (parsing is idempotent on parsed
// values), so a caller that skips the form or the API cannot store an invalid NIP either.

export const inviteInput = z.object({ email: f.email(), role: f.choice(memberRoles) }).strict();
export type InviteInput = z.output<typeof inviteInput>;

export const rejectInput = z
  .object({ reason: z.string().trim().min(1, { error: 'reasonRequired' }).max(1000) })
  .strict();
