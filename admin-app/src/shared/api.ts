import { ErrorResponseSchema, type ErrorCode } from '@hiorder/domain/shared/errors';
import type { z } from 'zod';

/** An error answer of the API, with its stable code (or NETWORK when nothing came back). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Credentials {
  /** The bearer token to send now, or null when signed out. */
  token(): string | null;
  /** Called once on a 401: refresh the session and say whether a retry makes sense. */
  renew(): Promise<boolean>;
}

type Body = { json: unknown } | { form: FormData } | undefined;

/**
 * The one HTTP path of the app: bearer token, JSON or multipart body, the error envelope turned into an
 * ApiError, and one retry after a refresh when the access token expired. Every answer the app reads is parsed with
 * the domain's schema of that route (never cast): a server and an app of different versions fail loudly, with the
 * route in the message, instead of rendering undefined fields. Calls whose answer the app does not read take no
 * schema and resolve to nothing.
 */
export class ApiClient {
  constructor(private readonly credentials: Credentials) {}

  async get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    return parseAnswer(path, schema, await this.request('GET', path, undefined));
  }
  post(path: string, json?: unknown): Promise<void>;
  post<S extends z.ZodType>(path: string, json: unknown, schema: S): Promise<z.output<S>>;
  async post<S extends z.ZodType>(path: string, json?: unknown, schema?: S): Promise<z.output<S> | void> {
    const answer = await this.request('POST', path, json === undefined ? undefined : { json });
    return schema ? parseAnswer(path, schema, answer) : undefined;
  }
  patch(path: string, json: unknown): Promise<void>;
  patch<S extends z.ZodType>(path: string, json: unknown, schema: S): Promise<z.output<S>>;
  async patch<S extends z.ZodType>(path: string, json: unknown, schema?: S): Promise<z.output<S> | void> {
    const answer = await this.request('PATCH', path, { json });
    return schema ? parseAnswer(path, schema, answer) : undefined;
  }
  put(path: string, json: unknown): Promise<void>;
  put<S extends z.ZodType>(path: string, json: unknown, schema: S): Promise<z.output<S>>;
  async put<S extends z.ZodType>(path: string, json: unknown, schema?: S): Promise<z.output<S> | void> {
    const answer = await this.request('PUT', path, { json });
    return schema ? parseAnswer(path, schema, answer) : undefined;
  }
  async delete(path: string): Promise<void> {
    await this.request('DELETE', path, undefined);
  }
  async upload<S extends z.ZodType>(path: string, form: FormData, schema: S): Promise<z.output<S>> {
    return parseAnswer(path, schema, await this.request('POST', path, { form }));
  }

  /** A file answer (CSV export) as a Blob, with the same token, refresh and error handling as JSON calls. */
  async download(path: string, retried = false): Promise<Blob> {
    const token = this.credentials.token();
    let res: Response;
    try {
      res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    } catch (err) {
      throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : 'network error');
    }
    if (res.status === 401 && !retried && token && (await this.credentials.renew())) return this.download(path, true);
    if (!res.ok) throw await toApiError(res);
    return res.blob();
  }

  private async request(method: string, path: string, body: Body, retried = false): Promise<unknown> {
    const headers: Record<string, string> = {};
    const token = this.credentials.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: BodyInit | undefined;
    if (body && 'json' in body) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body) {
      payload = body.form;
    }
    let res: Response;
    try {
      res = await fetch(path, { method, headers, body: payload });
    } catch (err) {
      throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : 'network error');
    }
    if (res.status === 401 && !retried && token && (await this.credentials.renew())) {
      return this.request(method, path, body, true);
    }
    if (!res.ok) throw await toApiError(res);
    if (res.status === 204) return undefined;
    const answer: unknown = await res.json();
    // 202 with an error body: accepted but not done (PAYMENT_PENDING — the provider's answer is awaited).
    const pending = res.status === 202 ? ErrorResponseSchema.safeParse(answer) : null;
    if (pending?.success) {
      const { code, message, details } = pending.data.error;
      throw new ApiError(res.status, code, message, details);
    }
    return answer;
  }
}

function parseAnswer<S extends z.ZodType>(path: string, schema: S, answer: unknown): z.output<S> {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  throw new ApiError(
    200,
    'INTERNAL',
    `Unexpected answer from ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
  );
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const parsed = ErrorResponseSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ApiError(res.status, code, message, details);
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED', text || res.statusText);
}
