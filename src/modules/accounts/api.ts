// JSON API of the accounts module under /api/v1.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { locales, roles } from '../../platform/auth/schema.ts';
import { typed } from '../../platform/http/params.ts';

export const meSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.email(),
    locale: z.enum(locales),
    role: z.enum(roles),
    twoFactorEnabled: z.boolean(),
  })
  .meta({ description: 'The signed-in account' });

export async function accountsApi(app: FastifyInstance) {
  typed(app).get(
    '/api/v1/me',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getMe',
        summary: 'The signed-in account',
        description:
          'Who is signed in: identifier, name, e-mail, preferred language, role and two-step sign-in.',
        tags: ['accounts'],
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const a = request.actor!;
      return {
        id: a.id,
        name: a.name,
        email: a.email,
        locale: a.locale,
        role: a.role,
        twoFactorEnabled: a.twoFactorEnabled,
      };
    },
  );
}
