import {
  DeviceSessionDtoSchema,
  LoginSchema,
  PairDeviceSchema,
  PairingCodeCreateSchema,
  PairingCodeDtoSchema,
  RefreshSchema,
  SessionDtoSchema,
  StaffCreateSchema,
  MeDtoSchema,
  StaffDtoSchema,
  StaffUpdateSchema,
  TableCreateSchema,
  TableDtoSchema,
  TableUpdateSchema,
} from '@hiorder/domain/identity/identity.schemas';
import { SetupStatusDtoSchema, StoreSettingsSchema, StoreSetupSchema } from '@hiorder/domain/identity/store.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { IdSchema } from '@hiorder/domain/shared/ids';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import type { ApiRouter } from '../http/api-router';
import { staffActorOf } from '../http/http-context';
import { hasQueueDashboard } from '../ops/queue-dashboard';
import {
  DiningTable,
  presentStaff,
  presentStore,
  login,
  logout,
  refreshSession,
  createPairingCode,
  pairDevice,
  revokeDevice,
  Staff,
  createStaff,
  listStaff,
  updateStaff,
  Store,
  readStoreSettings,
  updateStoreSettings,
  isSetupNeeded,
  setUpStore,
  createTable,
  listTables,
  updateTable,
} from '@hiorder/core/identity';

const TableParams = z.strictObject({ tableId: IdSchema });
const DeviceParams = z.strictObject({ deviceId: IdSchema });
const StaffParams = z.strictObject({ staffId: IdSchema });

/**
 * Login brute force: 10 failures in a row per username+IP block that pair for 15 minutes; 100 failures a day
 * block the IP. A success resets the pair's count.
 */
const failuresByUserAndIp = new RateLimiterMemory({ points: 10, duration: 15 * 60, blockDuration: 15 * 60 });
const failuresByIp = new RateLimiterMemory({ points: 100, duration: 24 * 3600, blockDuration: 24 * 3600 });

async function guardLogin(userKey: string, ip: string): Promise<void> {
  const [pair, byIp] = await Promise.all([failuresByUserAndIp.get(userKey), failuresByIp.get(ip)]);
  const blocked = [pair, byIp].find((r) => r !== null && r.remainingPoints <= 0);
  if (blocked) {
    const retryAfterMs = Math.max(1000, blocked.msBeforeNext);
    throw new DomainError('RATE_LIMITED', `Too many failed logins: try again in ${Math.ceil(retryAfterMs / 60000)} min.`, { retryAfterMs });
  }
}

async function countFailure(userKey: string, ip: string): Promise<void> {
  await Promise.all([failuresByUserAndIp.consume(userKey), failuresByIp.consume(ip)]).catch((err: unknown) => {
    if (!(err instanceof RateLimiterRes)) throw err;
  });
}

export function identityRoutes(api: ApiRouter, deps: AppDeps): void {
  const tag = 'identity';
  api.route(
    {
      method: 'post',
      path: '/api/auth/login',
      summary: 'Staff login',
      tag,
      roles: 'public',
      body: LoginSchema,
      response: SessionDtoSchema,
    },
    async ({ ctx, em, body }) => {
      const userKey = `${body.username}_${ctx.ip}`;
      await guardLogin(userKey, ctx.ip);
      try {
        const session = await login({ em, tokens: deps.tokens, now: deps.now() }, body);
        await failuresByUserAndIp.delete(userKey);
        return session;
      } catch (err) {
        if (err instanceof DomainError && err.code === 'INVALID_CREDENTIALS') await countFailure(userKey, ctx.ip);
        throw err;
      }
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/auth/refresh',
      summary: 'New session from a refresh token',
      tag,
      roles: 'public',
      body: RefreshSchema,
      response: SessionDtoSchema,
    },
    ({ em, body }) => refreshSession({ em, tokens: deps.tokens, now: deps.now() }, body),
  );
  api.route(
    { method: 'post', path: '/api/auth/logout', summary: 'End a session', tag, roles: 'public', body: RefreshSchema },
    async ({ em, body }) => {
      await logout({ em, tokens: deps.tokens, now: deps.now() }, body);
      return undefined;
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/setup',
      summary: 'Whether the server still waits for its first store (the setup page)',
      tag,
      roles: 'public',
      response: SetupStatusDtoSchema,
    },
    async ({ em }) => ({ needed: await isSetupNeeded(em) }),
  );
  api.route(
    {
      method: 'post',
      path: '/api/setup',
      summary: "First start without the demo: create the store, the owner's admin account and the tables (setup token)",
      tag,
      roles: 'public',
      body: StoreSetupSchema,
      response: SessionDtoSchema,
      status: 201,
    },
    async ({ ctx, em, body }) => {
      // The same brake as logins: the setup token is long, but an open port should not be a free guessing game.
      const key = `setup_${ctx.ip}`;
      await guardLogin(key, ctx.ip);
      try {
        return await setUpStore({ em, tokens: deps.tokens, setupToken: deps.setupToken, now: deps.now() }, body);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'SETUP_TOKEN_INVALID') await countFailure(key, ctx.ip);
        throw err;
      }
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/store/settings',
      summary: "The store's name, zone, currency, languages, hours, receipt footer and staff permissions",
      tag,
      roles: ['admin', 'staff'],
      response: StoreSettingsSchema,
    },
    ({ em, actor }) => readStoreSettings({ em, actor }),
  );
  api.route(
    {
      method: 'put',
      path: '/api/store/settings',
      summary: "Change the store's settings",
      tag,
      roles: ['admin'],
      body: StoreSettingsSchema,
      response: StoreSettingsSchema,
    },
    ({ em, actor, body }) => updateStoreSettings({ em, actor }, body),
  );
  api.route(
    {
      method: 'get',
      path: '/api/me',
      summary: 'The logged-in staff member and store',
      tag,
      roles: ['admin', 'staff'],
      response: MeDtoSchema,
    },
    async ({ ctx, em }) => {
      const actor = staffActorOf(ctx);
      const staff = await em.findOneOrFail(Staff, { id: actor.staffId, store: actor.storeId });
      const store = await em.findOneOrFail(Store, { id: actor.storeId });
      return { staff: presentStaff(staff), store: presentStore(store), queueDashboard: actor.role === 'admin' && hasQueueDashboard(deps) };
    },
  );
  api.route(
    {
      method: 'post',
      path: '/api/devices/pair',
      summary: 'Pair a tablet or kitchen display with a one-time code',
      tag,
      roles: 'public',
      body: PairDeviceSchema,
      response: DeviceSessionDtoSchema,
    },
    ({ em, body }) => pairDevice({ em, now: deps.now() }, body),
  );
  api.route(
    {
      method: 'get',
      path: '/api/device',
      summary: 'The paired device, its store and table',
      tag,
      roles: ['table', 'kitchen'],
      response: DeviceSessionDtoSchema.omit({ deviceToken: true }),
    },
    async ({ em, actor }) => {
      if (actor.kind !== 'device') throw new DomainError('FORBIDDEN', 'Devices only.');
      const store = await em.findOneOrFail(Store, { id: actor.storeId });
      const table = actor.role === 'table' ? await em.findOneOrFail(DiningTable, { id: actor.tableId }) : null;
      return {
        deviceId: actor.deviceId,
        role: actor.role,
        store: presentStore(store),
        table: table ? { id: table.id, label: table.label } : null,
      };
    },
  );
  api.route(
    {
      method: 'get',
      path: '/api/tables',
      summary: 'Tables with open visit and devices',
      tag,
      roles: ['admin', 'staff'],
      response: z.array(TableDtoSchema),
    },
    ({ em, actor }) => listTables({ em, actor, now: deps.now() }),
  );
  api.route(
    {
      method: 'post',
      path: '/api/tables',
      summary: 'Add a table',
      tag,
      roles: ['admin'],
      body: TableCreateSchema,
      response: TableDtoSchema,
      status: 201,
    },
    ({ em, actor, body }) => createTable({ em, actor, now: deps.now() }, body),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/tables/:tableId',
      summary: 'Rename a table',
      tag,
      roles: ['admin'],
      params: TableParams,
      body: TableUpdateSchema,
      response: TableDtoSchema,
    },
    ({ em, actor, params, body }) => updateTable({ em, actor, now: deps.now() }, params.tableId, body),
  );
  api.route(
    {
      method: 'post',
      path: '/api/pairing-codes',
      summary: 'Make a one-time pairing code',
      tag,
      roles: ['admin'],
      body: PairingCodeCreateSchema,
      response: PairingCodeDtoSchema,
      status: 201,
    },
    ({ ctx, em, body }) => createPairingCode({ em, now: deps.now(), actor: staffActorOf(ctx), publicUrl: deps.publicUrl }, body),
  );
  api.route(
    { method: 'delete', path: '/api/devices/:deviceId', summary: 'Unpair (revoke) a device', tag, roles: ['admin'], params: DeviceParams },
    async ({ em, actor, params }) => {
      await revokeDevice({ em, actor, now: deps.now() }, params.deviceId);
      return undefined;
    },
  );
  api.route(
    { method: 'get', path: '/api/staff', summary: 'Staff accounts', tag, roles: ['admin'], response: z.array(StaffDtoSchema) },
    ({ em, actor }) => listStaff({ em, actor, now: deps.now() }),
  );
  api.route(
    {
      method: 'post',
      path: '/api/staff',
      summary: 'Create a staff account',
      tag,
      roles: ['admin'],
      body: StaffCreateSchema,
      response: StaffDtoSchema,
      status: 201,
    },
    ({ em, actor, body }) => createStaff({ em, actor, now: deps.now() }, body),
  );
  api.route(
    {
      method: 'patch',
      path: '/api/staff/:staffId',
      summary: 'Edit, reset the password of, or disable a staff account',
      tag,
      roles: ['admin'],
      params: StaffParams,
      body: StaffUpdateSchema,
      response: StaffDtoSchema,
    },
    ({ em, actor, params, body }) => updateStaff({ em, actor, now: deps.now() }, params.staffId, body),
  );
}
