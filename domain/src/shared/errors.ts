import { z } from 'zod';

/**
 * Every error the system answers with, HTTP and socket alike. The code is stable (clients switch on it), the
 * message is for people, `details` is structured (violations, retryAfterMs, field issues).
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  INVALID_STATE: 409,
  /** Closing a visit with an order still cooking or unpaid, unless forced (details: what remains). */
  VISIT_NOT_SETTLED: 409,
  /** Moving or merging onto a table that is not free / not open as the move needs. */
  TABLE_OCCUPIED: 409,
  PAIRING_CODE_INVALID: 400,
  /** `POST /api/setup` with another token than the one the start banner printed. */
  SETUP_TOKEN_INVALID: 403,
  /** `POST /api/setup` once a store exists: the deployment is set up, log in instead. */
  SETUP_DONE: 409,
  OUT_OF_STOCK: 409,
  SIDE_WITHOUT_MAIN: 422,
  LIMIT_PER_VISIT: 422,
  MENU_UNAVAILABLE: 409,
  OPTION_REQUIRED: 422,
  OPTION_TOO_MANY: 422,
  OPTION_UNAVAILABLE: 409,
  AMOUNT_MISMATCH: 409,
  PAYMENT_DECLINED: 402,
  /** The provider holds a payment authorised for another amount than the order's: refused, nothing charged. */
  PAYMENT_AMOUNT_MISMATCH: 422,
  PAYMENT_PENDING: 202,
  /** Split bill: this part or line is already paid or being paid by another phone. */
  SHARE_ALREADY_PAID: 409,
  /** Split bill: the share is more than what is left to pay (details.remaining). */
  SHARE_EXCEEDS_REMAINING: 409,
  /** Split bill: the amount the phone authorised is not this share's amount (the bill changed): nothing charged. */
  SHARE_AMOUNT_CHANGED: 409,
  /** The order's bill is being split: pay a share, not the whole order (or the reverse: a whole payment is in flight). */
  SPLIT_IN_PROGRESS: 409,
  /** This paymentKey already paid something else. */
  PAYMENT_KEY_USED: 409,
  /** A phone's join QR of a visit that has ended (or never existed). */
  VISIT_JOIN_INVALID: 410,
  /** A partial refund naming a line that is not the order's. */
  REFUND_LINE_UNKNOWN: 422,
  /** A partial refund of more than is left of a line (details: lineId, left). */
  REFUND_QTY_EXCEEDS: 422,
  /** A partial refund of everything that is left: that is a cancel of the whole order. */
  REFUND_WHOLE_ORDER: 422,
  /** The payment provider refused the refund (nothing was refunded; details: reason). */
  REFUND_REFUSED: 409,
  PAYMENT_UNAVAILABLE: 503,
  NO_PRINTER: 409,
  PRINTER_UNREACHABLE: 502,
  RATE_LIMITED: 429,
  BUSY: 503,
  INTERNAL: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * Codes that mean "this token no longer opens anything": the client renews its session (staff) or forgets its
 * pairing (tablet) instead of retrying. A socket's `connect_error` carries the error body as its `data`.
 */
export const AUTH_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
]);

/** The code of an error body received as unknown data (a socket's `connect_error.data`), or null when it is none. */
export function errorCodeOf(data: unknown): ErrorCode | null {
  const parsed = ErrorBodySchema.safeParse(data);
  return parsed.success ? parsed.data.code : null;
}

/** The HTTP envelope of an error: `{ error: { code, message, details } }`. */
export const ErrorResponseSchema = z.object({ error: ErrorBodySchema });

/** Every client→server socket event is acknowledged with this shape. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckCallback<T> = (answer: Ack<T>) => void;

/**
 * The one error type thrown by commands. HTTP middleware and the socket ack wrapper turn it into
 * `{ code, message, details }` with the status of `ERROR_STATUS`.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Details of a BUSY answer: the client keeps the order and retries after this many milliseconds. */
export const BusyDetailsSchema = z.object({ retryAfterMs: z.number().int().positive() });
export type BusyDetails = z.infer<typeof BusyDetailsSchema>;

/** Exhaustiveness check for `switch` over unions. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
