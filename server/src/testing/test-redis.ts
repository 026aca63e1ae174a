import { randomBytes } from 'node:crypto';

/** The test Redis (started by scripts/test-services.sh); another one with TEST_REDIS_URL. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own per test file, so files sharing the Redis never see each other's queues or rooms. */
export function uniqueRedisPrefix(): string {
  return `t${randomBytes(4).toString('hex')}`;
}
