import { z } from 'zod';

/** A poison event set aside by the workers: its processor threw on it `EVENT_MAX_ATTEMPTS` times (`*`: it did not parse). */
export const EventFailureDtoSchema = z.object({
  processor: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  error: z.string(),
  attempts: z.number().int(),
  failedAt: z.string(),
});
export type EventFailureDto = z.infer<typeof EventFailureDtoSchema>;

export const EventFailuresQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const EventFailuresSchema = z.object({ failures: z.array(EventFailureDtoSchema) });
export type EventFailures = z.infer<typeof EventFailuresSchema>;
