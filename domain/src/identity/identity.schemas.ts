import { z } from 'zod';
import { IdSchema } from '../shared/ids';
import { LIMITS } from '../shared/limits';

/**
 * Who is calling. `admin` manages the store; `staff` runs the board; `kitchen` is a paired kitchen display;
 * `table` is a paired tablet, the guests' account, scoped to one table.
 */
export const RoleSchema = z.enum(['admin', 'staff', 'kitchen', 'table']);
export type Role = z.infer<typeof RoleSchema>;
export const StaffRoleSchema = z.enum(['admin', 'staff']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;
export const DeviceRoleSchema = z.enum(['table', 'kitchen']);
export type DeviceRole = z.infer<typeof DeviceRoleSchema>;

/** The authenticated caller, as every command receives it. Store (and table) come from the token only. */
export type Actor =
  | { kind: 'staff'; role: StaffRole; staffId: string; storeId: string }
  /** A table's tablet, or a guest's phone joined to the table's visit by its QR (`visitId`: it sees that visit only). */
  | { kind: 'device'; role: 'table'; deviceId: string; storeId: string; tableId: string; visitId?: string }
  | { kind: 'device'; role: 'kitchen'; deviceId: string; storeId: string };

/** A staff username: lower case, unique across stores. */
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9._@-]+$/);
/** A staff password: the length limits of `LIMITS`, nothing else (a passphrase is welcome). */
export const PasswordSchema = z.string().min(LIMITS.minPasswordLength).max(LIMITS.maxPasswordLength);

export const LoginSchema = z.strictObject({
  username: UsernameSchema,
  password: z.string().min(1).max(LIMITS.maxPasswordLength),
});
export type Login = z.infer<typeof LoginSchema>;

export const RefreshSchema = z.strictObject({ refreshToken: z.string().min(10).max(200) });
export type Refresh = z.infer<typeof RefreshSchema>;

export const StaffDtoSchema = z.object({
  id: IdSchema,
  storeId: IdSchema,
  username: z.string(),
  displayName: z.string(),
  role: StaffRoleSchema,
  disabled: z.boolean(),
});
export type StaffDto = z.infer<typeof StaffDtoSchema>;

export const StoreDtoSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  catalogVersion: z.number().int(),
});
export type StoreDto = z.infer<typeof StoreDtoSchema>;

export const SessionDtoSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  staff: StaffDtoSchema,
  store: StoreDtoSchema,
});
export type SessionDto = z.infer<typeof SessionDtoSchema>;

/**
 * `GET /api/me`: who is signed in, and what this server offers them. `queueDashboard`: the viewer is an admin and
 * the server runs with Redis, so `POST /api/queues/session` then `/admin/queues` show the BullMQ queues.
 */
export const MeDtoSchema = z.object({ staff: StaffDtoSchema, store: StoreDtoSchema, queueDashboard: z.boolean() });
export type MeDto = z.infer<typeof MeDtoSchema>;

export const StaffCreateSchema = z.strictObject({
  username: UsernameSchema,
  displayName: z.string().trim().min(1).max(LIMITS.maxNameLength),
  password: PasswordSchema,
  role: StaffRoleSchema,
});
export type StaffCreate = z.infer<typeof StaffCreateSchema>;

export const StaffUpdateSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(LIMITS.maxNameLength).optional(),
  password: PasswordSchema.optional(),
  role: StaffRoleSchema.optional(),
  disabled: z.boolean().optional(),
});
export type StaffUpdate = z.infer<typeof StaffUpdateSchema>;

export const DeviceDtoSchema = z.object({
  id: IdSchema,
  role: DeviceRoleSchema,
  name: z.string(),
  tableId: IdSchema.nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revoked: z.boolean(),
});
export type DeviceDto = z.infer<typeof DeviceDtoSchema>;

export const TableDtoSchema = z.object({
  id: IdSchema,
  label: z.string(),
  position: z.number().int(),
  openVisitId: IdSchema.nullable(),
  devices: z.array(DeviceDtoSchema),
});
export type TableDto = z.infer<typeof TableDtoSchema>;

export const TableCreateSchema = z.strictObject({
  label: z.string().trim().min(1).max(LIMITS.maxLabelLength),
});
export type TableCreate = z.infer<typeof TableCreateSchema>;
export const TableUpdateSchema = TableCreateSchema.partial();
export type TableUpdate = z.infer<typeof TableUpdateSchema>;

/** An admin asks for a one-time code that pairs a device: a tablet for a table, or a kitchen display. */
export const PairingCodeCreateSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('table'), tableId: IdSchema }),
  z.strictObject({ role: z.literal('kitchen'), name: z.string().trim().min(1).max(LIMITS.maxLabelLength).optional() }),
]);
export type PairingCodeCreate = z.infer<typeof PairingCodeCreateSchema>;

export const PairingCodeDtoSchema = z.object({
  code: z.string(),
  role: DeviceRoleSchema,
  tableId: IdSchema.nullable(),
  /** A URL the tablet can open (or a QR code can carry) to pair without typing. */
  url: z.string(),
  expiresAt: z.string(),
});
export type PairingCodeDto = z.infer<typeof PairingCodeDtoSchema>;

/** Pairing codes are 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const PAIRING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PairingCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[2-9A-HJKMNP-Z]{8}$/, 'a pairing code is 8 letters and digits');

export const PairDeviceSchema = z.strictObject({
  code: PairingCodeSchema,
  deviceName: z.string().trim().max(LIMITS.maxLabelLength).optional(),
});
export type PairDevice = z.infer<typeof PairDeviceSchema>;

export const DeviceSessionDtoSchema = z.object({
  deviceToken: z.string(),
  deviceId: IdSchema,
  role: DeviceRoleSchema,
  store: StoreDtoSchema,
  table: z.object({ id: IdSchema, label: z.string() }).nullable(),
  /** Set for a guest's phone joined to a visit by the tablet's QR: the session ends with that visit. */
  visitId: IdSchema.optional(),
});
export type DeviceSessionDto = z.infer<typeof DeviceSessionDtoSchema>;
