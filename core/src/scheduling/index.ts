// Scheduling: the one list of scheduled jobs; server/ (embedded) and workers/ (BullMQ) both run it.
// The public surface of this context: transports import from '@hiorder/core/scheduling' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { isScheduledJobName, runAllScheduledJobs, runScheduledJob, SCHEDULED_JOB_NAMES } from './scheduled-jobs';
export type { ScheduledJobDeps, ScheduledJobName } from './scheduled-jobs';
