// Configuration: the parts of the environment schema every process shares (each process adds its own).
// The public surface of this context: transports import from '@hiorder/core/config' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { DatabaseEnv, EventWorkerEnv, parseEnv, PaymentEnv, PrintingEnv, ProcessEnv, QueueEnv, RedisUrl, SchedulerEnv } from './env';
