import { randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { DomainError } from '@hiorder/domain/shared/errors';

/**
 * Menu photos on disk under `<DATA_DIR>/photos`, served at `/photos/<file>`. The type is decided by the file's
 * first bytes, not by the name or the client's content type, and the file name is ours.
 */
const SIGNATURES: { ext: string; test: (b: Buffer) => boolean }[] = [
  { ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

/**
 * Stores an uploaded photo as `<prefix>-<random>.<type>` and returns its file name. Throws `UNSUPPORTED_MEDIA_TYPE`,
 * `PAYLOAD_TOO_LARGE`.
 */
export async function storePhoto(photosDir: string, prefix: string, tmpPath: string): Promise<string> {
  const bytes = await readFile(tmpPath);
  await unlink(tmpPath).catch(() => undefined);
  if (bytes.length > LIMITS.maxPhotoBytes) throw new DomainError('PAYLOAD_TOO_LARGE', 'Photos can be at most 2 MB.');
  const kind = SIGNATURES.find((s) => s.test(bytes));
  if (!kind) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Upload a JPEG, PNG or WebP photo.');
  await mkdir(photosDir, { recursive: true });
  const file = `${prefix}-${randomBytes(6).toString('hex')}.${kind.ext}`;
  await writeFile(join(photosDir, file), bytes);
  return file;
}

/** Removes stored photos nobody refers to any more (best effort: a file already gone is fine). */
export async function removePhotos(photosDir: string, files: readonly string[]): Promise<void> {
  await Promise.all(files.map((file) => unlink(join(photosDir, basename(file))).catch(() => undefined)));
}

export function photoContentType(file: string): string {
  if (file.endsWith('.png')) return 'image/png';
  if (file.endsWith('.webp')) return 'image/webp';
  if (file.endsWith('.svg')) return 'image/svg+xml';
  return 'image/jpeg';
}
