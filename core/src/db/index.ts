// Database: opening the ORM, forking entity managers, and the prepared-statement SQL layer of the hot paths.
// The public surface of this context: transports import from '@hiorder/core/db' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { rootSql, sqlOf, sqlTransaction } from './direct-sql';
export type { SqlSession } from './direct-sql';
export { forkEm, openDatabase } from './orm';
export type { EntityManager } from './orm';
export { fromDbJson, fromDbTime } from './sql';
export { statementCount } from './sql-timings';
