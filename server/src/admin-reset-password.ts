import { parseArgs } from 'node:util';
import { forkEm, openDatabase } from '@hiorder/core/db';
import { resetAdminPassword } from '@hiorder/core/identity';
import { DomainError } from '@hiorder/domain/shared/errors';
import { loadEnv } from './env';

/**
 * `pnpm admin:reset-password <username> [--password <new>] [--store <slug>]`: the operator's way back into the
 * admin app on this deployment's database (DATABASE_URL). Sets a new password (generated and printed once when not
 * given) on the account, or creates it as an admin of the store. Sessions of the account end at once.
 */
const USAGE = 'usage: pnpm admin:reset-password <username> [--password <new password>] [--store <store slug>]\n';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { password: { type: 'string' }, store: { type: 'string' }, help: { type: 'boolean' } },
});
const username = positionals[0];
if (values.help || !username) {
  process.stdout.write(USAGE);
  process.exit(values.help ? 0 : 2);
}
const env = loadEnv();
const orm = await openDatabase({ databaseUrl: env.DATABASE_URL, poolSize: 1 });
try {
  const result = await resetAdminPassword(
    { em: forkEm(orm), now: new Date() },
    { username, ...(values.password ? { password: values.password } : {}), ...(values.store ? { storeSlug: values.store } : {}) },
  );
  const what = result.created ? 'admin account created' : 'password reset';
  process.stdout.write(
    `${what} for "${result.username}" (store "${result.storeSlug}"). password: ${result.password}\nShown once; sign in at /admin/ and change it in Staff if you like.\n`,
  );
  await orm.close();
} catch (err) {
  await orm.close();
  process.stderr.write(`${err instanceof DomainError ? err.message : String(err)}\n${USAGE}`);
  process.exit(1);
}
