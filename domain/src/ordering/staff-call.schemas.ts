import { z } from 'zod';
import { IdSchema } from '../shared/ids';
import { LIMITS } from '../shared/limits';
import { LocalizedTextSchema } from '../shared/locale';

/**
 * What a guest can call staff for from the tablet. `call`: a person to the table. `checkout`: the guest's "계산 완료 /
 * 자리 정리" — asks staff to close the table (the tablet never closes it itself). `request`: one of the store's
 * staff-call presets (물, 앞접시, 수저 …, edited by the owner). `water` and `cutlery` are the fixed requests of
 * tablets older than the presets, still accepted.
 */
export const StaffCallKindSchema = z.enum(['water', 'cutlery', 'call', 'checkout', 'request']);
export type StaffCallKind = z.infer<typeof StaffCallKindSchema>;

/** `staff:call` / `POST /api/staff-calls`: a `request` names the store's preset; the other kinds name none. */
export const StaffCallSchema = z
  .strictObject({ kind: StaffCallKindSchema, presetId: IdSchema.optional() })
  .refine((c) => (c.kind === 'request') === (c.presetId !== undefined), {
    message: 'a request names its preset (presetId); the other kinds name none',
    path: ['presetId'],
  });
export type StaffCall = z.infer<typeof StaffCallSchema>;

/** One button of the tablet's staff-call sheet: what the guest asks for, in Korean and English. */
export const StaffCallPresetSchema = z.object({ id: IdSchema, name: z.object({ ko: z.string(), en: z.string() }) });
export type StaffCallPreset = z.infer<typeof StaffCallPresetSchema>;

/** A store that never edited its presets offers these (fixed ids, so a call names one like any other). */
export const DEFAULT_STAFF_CALL_PRESETS: readonly StaffCallPreset[] = [
  { id: '0190a5e0-0000-7000-8000-000000000001', name: { ko: '물', en: 'Water' } },
  { id: '0190a5e0-0000-7000-8000-000000000002', name: { ko: '앞접시', en: 'Plates' } },
  { id: '0190a5e0-0000-7000-8000-000000000003', name: { ko: '수저', en: 'Cutlery' } },
  { id: '0190a5e0-0000-7000-8000-000000000004', name: { ko: '물티슈', en: 'Wet wipes' } },
];

/** `GET/PUT /api/store/staff-call-presets`: the store's presets, in the order the tablet shows them. */
export const StaffCallPresetsDtoSchema = z.object({ presets: z.array(StaffCallPresetSchema) });
export type StaffCallPresetsDto = z.infer<typeof StaffCallPresetsDtoSchema>;

/** `PUT /api/store/staff-call-presets`: the whole list; a preset without an id is new, one left out is removed. */
export const StaffCallPresetsUpdateSchema = z.strictObject({
  presets: z
    .array(z.strictObject({ id: IdSchema.optional(), name: LocalizedTextSchema }))
    .max(LIMITS.maxStaffCallPresets)
    .refine((list) => new Set(list.flatMap((p) => (p.id ? [p.id] : []))).size === list.filter((p) => p.id).length, {
      message: 'each preset id at most once',
    }),
});
export type StaffCallPresetsUpdate = z.infer<typeof StaffCallPresetsUpdateSchema>;

/** `table.staff_called`: `label` is the preset's name when the guest asked for one (`kind` `request`). */
export const StaffCalledPayloadSchema = z.object({
  tableId: IdSchema,
  tableLabel: z.string(),
  kind: StaffCallKindSchema,
  label: z.object({ ko: z.string(), en: z.string() }).optional(),
});
export type StaffCalledPayload = z.infer<typeof StaffCalledPayloadSchema>;
