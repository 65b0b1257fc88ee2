// What every module's JSON API shares: the RFC 9457 problem document's schema (one component in the
// OpenAPI document) and the error that reports invalid fields as a 400 problem.
import { z } from 'zod';

export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.unknown()).optional().describe('Field errors: `{field, message}` for invalid input'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** Invalid input: a 400 problem document listing each field's message in the reader's language. */
export class FieldErrors extends Error {
  readonly statusCode = 400;
  constructor(readonly validation: Array<{ field: string; message: string }>) {
    super('validation failed');
  }
}
