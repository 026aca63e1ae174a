import { z } from 'zod';
import { IdSchema } from '../shared/ids';
import { LIMITS } from '../shared/limits';

/**
 * `POST /api/alarms/acknowledge`: a board or kitchen display stops the ringing of new paid orders and staff calls
 * (call ids are their `table.staff_called` event ids). At least one id; every screen of the store stops too.
 */
export const AlarmAcknowledgeSchema = z
  .strictObject({
    orderIds: z.array(IdSchema).max(LIMITS.maxAlarmsPerAcknowledge).default([]),
    staffCallIds: z.array(IdSchema).max(LIMITS.maxAlarmsPerAcknowledge).default([]),
  })
  .refine((a) => a.orderIds.length + a.staffCallIds.length > 0, { message: 'name at least one order or staff call' });
export type AlarmAcknowledge = z.infer<typeof AlarmAcknowledgeSchema>;

/** The answer: every named alarm is acknowledged now (some perhaps already were, by another screen). */
export const AlarmAcknowledgedDtoSchema = z.object({ orderIds: z.array(IdSchema), staffCallIds: z.array(IdSchema) });
export type AlarmAcknowledgedDto = z.infer<typeof AlarmAcknowledgedDtoSchema>;
