// Identity: stores, staff, tables, device pairing, tokens, login and the authentication of every request.
// The public surface of this context: transports import from '@hiorder/core/identity' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { assertStaffSessionLive, authenticate, requireRole, staffSessionVersion } from './authenticate';
export { DiningTable } from './dining-table.entity';
export { presentStaff, presentStore } from './identity.presenter';
export { login, logout, refreshSession } from './login';
export { resetAdminPassword } from './operator-accounts';
export { createPairingCode, pairDevice, revokeDevice } from './pairing';
export { hashPassword } from './passwords';
export { createStaff, listStaff, updateStaff } from './staff-accounts';
export { Staff } from './staff.entity';
export { readStoreSettings, updateStoreSettings } from './store-settings';
export { isSetupNeeded, setUpStore, setupTokenFor } from './store-setup';
export { Store } from './store.entity';
export { createTable, listTables, updateTable } from './tables';
export { AccessTokens, QUEUE_SESSION_TTL_S, sha256 } from './tokens';
