import { EntitySchema } from '@mikro-orm/core';

/** What rang: a paid order nobody had taken up yet, or a guest's staff call (its `table.staff_called` event id). */
export type AlarmTargetKind = 'order' | 'staff_call';

/**
 * An alarm someone acknowledged, once per target (`target_kind`, `target_id` unique): the durable side of the
 * `alarm.acknowledged` event, so a board or kitchen display opened later doesn't ring again for it.
 */
export class AlarmAcknowledgement {
  id!: string;
  storeId!: string;
  targetKind!: AlarmTargetKind;
  targetId!: string;
  acknowledgedAt!: Date;
}

export const AlarmAcknowledgementSchema = new EntitySchema<AlarmAcknowledgement>({
  class: AlarmAcknowledgement,
  tableName: 'alarm_acknowledgement',
  properties: {
    id: { type: 'uuid', primary: true },
    storeId: { type: 'uuid' },
    targetKind: { type: 'string', length: 12 },
    targetId: { type: 'uuid' },
    acknowledgedAt: { type: 'datetime' },
  },
  uniques: [{ properties: ['targetKind', 'targetId'] }],
  indexes: [{ properties: ['storeId', 'acknowledgedAt'] }],
});
