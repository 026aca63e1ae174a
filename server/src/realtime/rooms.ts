/** Rooms of the server's own (the shared ones are in `domain/realtime`). */
export function tabletsRoom(storeId: string): string {
  return `tablets:${storeId}`;
}
export function visitRoom(visitId: string): string {
  return `visit:${visitId}`;
}
export function deviceRoom(deviceId: string): string {
  return `device:${deviceId}`;
}
/** Every socket a staff account has open (boards on several screens): closed together when its sessions end. */
export function staffAccountRoom(staffId: string): string {
  return `staff-account:${staffId}`;
}
/** The phones joined to a visit by its QR: their sockets are closed when the visit ends (I7). */
export function visitGuestsRoom(visitId: string): string {
  return `visit-guests:${visitId}`;
}
