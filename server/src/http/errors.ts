import { DomainError, type ErrorBody } from '@hiorder/domain/shared/errors';
import { ZodError, type z } from 'zod';
import type { Logger } from '@hiorder/core/logger';

/** Turns a zod failure into `VALIDATION_FAILED` with the issues as details (paths and messages only). */
export function validationError(error: ZodError): DomainError {
  const issues = error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
  return new DomainError('VALIDATION_FAILED', issues[0] ? `${issues[0].path || 'body'}: ${issues[0].message}` : 'Invalid input.', {
    issues,
  });
}

/** Parses input with a domain schema or throws `VALIDATION_FAILED`. The one entry point for untrusted input. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/**
 * Maps anything thrown to a status and a body. Domain errors keep their code; zod errors become
 * `VALIDATION_FAILED`; body-parser errors keep their meaning (413, 415, 400); the rest is a 500 without
 * internals, logged with the request id.
 */
export function toErrorResponse(err: unknown, logger: Logger, requestId: string): { status: number; body: ErrorBody } {
  if (err instanceof DomainError) return { status: err.status, body: err.toBody() };
  if (err instanceof ZodError) {
    const e = validationError(err);
    return { status: e.status, body: e.toBody() };
  }
  const status = (err as { status?: number; statusCode?: number } | null)?.status ?? (err as { statusCode?: number } | null)?.statusCode;
  if (status === 413) return { status, body: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' } };
  if (status === 415) return { status, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON (or multipart for photos).' } };
  if (status === 400 || status === 422)
    return { status: 400, body: { code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON.' } };
  logger.error({ err, requestId }, 'unhandled error');
  return { status: 500, body: { code: 'INTERNAL', message: `Something went wrong on our side (request ${requestId}).` } };
}
