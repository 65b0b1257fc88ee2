// Multipart bodies (file uploads) are taken only by the routes that declare `config.upload`, and
// read as a stream with limits: the CSRF token must be the first part (the forms put it first), so
// a request without a valid one is refused before any file is read; each file is kept up to the
// route's limit (one byte more, so the handler can say "too large") and the rest is discarded;
// text fields together stay within BODY_LIMIT_BYTES. Every other route refuses a multipart body in
// its onRequest hook, before a byte of it is read (web.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/** What a route that takes uploads declares in `config.upload`. */
export interface UploadConfig {
  /** The names of the file fields it takes, one file each. */
  files: string[];
  /** The largest file it keeps, in bytes (at most UPLOAD_LIMIT_BYTES). */
  maxFileBytes: number;
}

export interface UploadLimits {
  /** BODY_LIMIT_BYTES: the text fields of an upload form together stay below it. */
  bodyLimit: number;
  /** UPLOAD_LIMIT_BYTES: no file can be larger, whatever the route says. */
  uploadLimit: number;
}

export const isMultipart = (request: FastifyRequest) =>
  /^multipart\//i.test(String(request.headers['content-type'] ?? ''));

/**
 * After the answer to a refused body the connection is closed (as Fastify does when a body parser
 * fails), so the server reads no more of what the client may still be sending.
 */
function closeAfterAnswer(reply: FastifyReply): void {
  reply.header('connection', 'close');
}

/** Refuses a request at once, before its body is read. */
function refuseAtOnce(reply: FastifyReply, status: number, code: string, message: string): never {
  closeAfterAnswer(reply);
  throw new AppError(status, code, message);
}

/**
 * Run in onRequest, before the body is touched. A multipart body is refused with 415 on a route
 * that takes no upload; on one that does, it must declare its length (411) and that length cannot
 * exceed what the route could ever accept (413).
 */
export function screenMultipart(
  request: FastifyRequest,
  reply: FastifyReply,
  upload: UploadConfig | undefined,
  limits: UploadLimits,
): void {
  if (!isMultipart(request)) return;
  if (!upload) refuseAtOnce(reply, 415, 'unsupported_media_type', 'this address takes no multipart body');
  const declared = request.headers['content-length'];
  if (declared === undefined)
    refuseAtOnce(reply, 411, 'length_required', 'an upload must declare its length');
  if (Number(declared) > maxUploadBody(upload, limits))
    refuseAtOnce(reply, 413, 'payload_too_large', 'the upload is larger than this form accepts');
}

/**
 * The largest body worth reading for an upload route: its files at UPLOAD_LIMIT_BYTES (a file over
 * the route's own, smaller limit is read and cut, so the form can say it is too large) and the text.
 */
const maxUploadBody = (upload: UploadConfig, limits: UploadLimits) =>
  upload.files.length * (limits.uploadLimit + 4096) + limits.bodyLimit;

/**
 * Reads the multipart body of an upload route into `{ field: string | string[], file: Buffer }`,
 * checking the CSRF token (the first part) with `csrfValid` before anything else is read.
 */
export async function readUpload(
  request: FastifyRequest,
  reply: FastifyReply,
  upload: UploadConfig,
  limits: UploadLimits,
  csrfValid: (sent: unknown) => boolean,
): Promise<Record<string, string | string[] | Buffer>> {
  const maxFile = Math.min(upload.maxFileBytes, limits.uploadLimit);
  const body: Record<string, string | string[] | Buffer> = {};
  let textBytes = 0;
  let first = true;
  try {
    const parts = request.parts({
      limits: {
        files: upload.files.length,
        fileSize: maxFile + 1,
        fields: 50,
        fieldSize: limits.bodyLimit,
        parts: 50 + upload.files.length,
        headerPairs: 20,
      },
    });
    for await (const part of parts) {
      if (first) {
        first = false;
        if (part.type !== 'field' || part.fieldname !== '_csrf' || !csrfValid(part.value))
          throw new AppError(403, 'csrf', 'missing or invalid CSRF token');
      }
      if (part.type === 'field') {
        const value = String(part.value);
        textBytes += Buffer.byteLength(value) + Buffer.byteLength(part.fieldname);
        if (textBytes > limits.bodyLimit || part.valueTruncated)
          throw new AppError(413, 'payload_too_large', 'the form text is too long');
        const had = body[part.fieldname];
        body[part.fieldname] =
          had === undefined ? value : Array.isArray(had) ? [...had, value] : [String(had), value];
        continue;
      }
      // A file: kept up to one byte over the limit (the handler answers "too large"), the rest of
      // it is discarded as it arrives.
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size <= maxFile + 1) chunks.push(chunk);
      }
      body[part.fieldname] = Buffer.concat(chunks).subarray(0, maxFile + 1);
    }
  } catch (err) {
    // Whatever is left of the body is not kept: the connection closes soon after the answer.
    closeAfterAnswer(reply);
    throw err;
  }
  if (first) throw new AppError(403, 'csrf', 'missing or invalid CSRF token');
  return body;
}
