import { DomainError } from '@hiorder/domain/shared/errors';
import { LIMITS } from '@hiorder/domain/shared/limits';
import type { Context } from 'koa';
import { koaBody } from 'koa-body';

/**
 * Reads one uploaded photo (a multipart field, at most `LIMITS.maxPhotoBytes`) into a temporary file and returns
 * its path; the photo store checks its type by its bytes. Throws `VALIDATION_FAILED` when the field is missing.
 */
export async function uploadedPhoto(ctx: Context, field: string): Promise<string> {
  await koaBody({
    multipart: true,
    json: false,
    urlencoded: false,
    text: false,
    formidable: { maxFileSize: LIMITS.maxPhotoBytes, maxFiles: 1, maxFields: 5, allowEmptyFiles: false },
  })(ctx, async () => undefined);
  const files = (ctx.request as { files?: Record<string, unknown> }).files ?? {};
  const sent = files[field];
  const file = Array.isArray(sent) ? sent[0] : sent;
  const filepath = (file as { filepath?: string } | undefined)?.filepath;
  if (!filepath) throw new DomainError('VALIDATION_FAILED', `Send the photo as the multipart field "${field}".`);
  return filepath;
}
