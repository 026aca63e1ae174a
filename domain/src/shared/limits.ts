/** Input limits, defined once: schemas, the server's body parser and the tablet's cart all read them here. */
export const LIMITS = {
  maxLinesPerOrder: 30,
  maxQtyPerLine: 99,
  maxNoteLength: 200,
  /** A guest's request on one order line ("덜 맵게"), shown large in the kitchen. */
  maxLineNoteLength: 100,
  /** 원산지 text of a menu ("돼지고기: 국내산, 김치: 배추 국내산·고춧가루 중국산"). */
  maxOriginLength: 200,
  maxOptionsPerGroup: 20,
  maxOptionsPerLine: 20,
  maxOptionGroupsPerMenu: 10,
  maxNameLength: 80,
  maxDescriptionLength: 500,
  maxLabelLength: 40,
  /** The text printed under every bill (thanks, the business number, Wi-Fi). */
  maxReceiptFooterLength: 200,
  idempotencyKeyMin: 8,
  idempotencyKeyMax: 100,
  /** JSON bodies and socket payloads. */
  maxBodyBytes: 64 * 1024,
  /** Photo uploads (JPEG, PNG, WebP). */
  maxPhotoBytes: 2 * 1024 * 1024,
  photoTypes: ['image/jpeg', 'image/png', 'image/webp'] as const,
  maxPasswordLength: 200,
  minPasswordLength: 8,
  maxEventsPerCatchUp: 1000,
  /** Buttons on the tablet's staff-call sheet (besides "call staff" and "checkout"). */
  maxStaffCallPresets: 12,
  /** Orders and staff calls one acknowledgement may name. */
  maxAlarmsPerAcknowledge: 200,
} as const;

/** Defaults of the order lifecycle. */
export const ORDERING_DEFAULTS = {
  /** A `pending_payment` order older than this is expired and its stock released. */
  reservationTtlMs: 10 * 60 * 1000,
} as const;
