import type { DeviceDto, StaffDto, StoreDto, TableDto } from '@hiorder/domain/identity/identity.schemas';
import type { Device } from './device.entity';
import type { DiningTable } from './dining-table.entity';
import type { Staff } from './staff.entity';
import type { Store } from './store.entity';

export function presentStore(store: Store): StoreDto {
  return { id: store.id, slug: store.slug, name: store.name, timeZone: store.timeZone, catalogVersion: store.catalogVersion };
}

export function presentStaff(staff: Staff): StaffDto {
  return {
    id: staff.id,
    storeId: staff.store.id,
    username: staff.username,
    displayName: staff.displayName,
    role: staff.role,
    disabled: staff.disabled,
  };
}

export function presentDevice(device: Device): DeviceDto {
  return {
    id: device.id,
    role: device.role,
    name: device.name,
    tableId: device.table?.id ?? null,
    createdAt: device.createdAt.toISOString(),
    lastSeenAt: device.lastSeenAt?.toISOString() ?? null,
    revoked: device.revokedAt !== null,
  };
}

export function presentTable(table: DiningTable, openVisitId: string | null, devices: Device[]): TableDto {
  return {
    id: table.id,
    label: table.label,
    position: table.position,
    openVisitId,
    devices: devices.map(presentDevice),
  };
}
