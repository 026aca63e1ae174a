import { ErrorResponseSchema, type ErrorBody } from '@hiorder/domain/shared/errors';

/** A refusal from the server (`{ error: { code, message, details } }`) or a network failure (`NETWORK`). */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody | null;
  constructor(status: number, body: ErrorBody | null, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
  get code(): string {
    return this.body?.code ?? (this.status === 0 ? 'NETWORK' : `HTTP_${this.status}`);
  }
}

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** The identity context listens here: a 401 means the device token is gone, back to pairing. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  token?: string | null;
  /** Full URL for third parties (the payment sandbox); default is this origin. */
  absolute?: boolean;
  timeoutMs?: number;
}

/** JSON over fetch with the error envelope of docs/API.md. The caller parses the answer with its zod schema. */
export async function apiFetch(path: string, req: ApiRequest = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method: req.method ?? 'GET',
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(req.timeoutMs ?? 15_000),
    });
  } catch (err) {
    throw new ApiError(0, null, err instanceof Error ? err.message : 'network error');
  }
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : null;
  const parsed = ErrorResponseSchema.safeParse(json);
  // PAYMENT_PENDING is a 202 with the error envelope: not a failure of the request, but not a result either.
  if (!res.ok || parsed.success) {
    const body = parsed.success ? parsed.data.error : null;
    if (res.status === 401 && req.token && !req.absolute) for (const l of unauthorizedListeners) l();
    throw new ApiError(res.status, body, body?.message ?? `HTTP ${res.status}`);
  }
  return json;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
