import { ErrorResponseSchema, type ErrorCode } from '@hiorder/domain/shared/errors';

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
 * ApiError, and one retry after a refresh when the access token expired.
 */
export class ApiClient {
  constructor(private readonly credentials: Credentials) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path, undefined);
  }
  post<T>(path: string, json?: unknown): Promise<T> {
    return this.request<T>('POST', path, json === undefined ? undefined : { json });
  }
  patch<T>(path: string, json: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { json });
  }
  put<T>(path: string, json: unknown): Promise<T> {
    return this.request<T>('PUT', path, { json });
  }
  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path, undefined);
  }
  upload<T>(path: string, form: FormData): Promise<T> {
    return this.request<T>('POST', path, { form });
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

  private async request<T>(method: string, path: string, body: Body, retried = false): Promise<T> {
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
      return this.request<T>(method, path, body, true);
    }
    if (!res.ok) throw await toApiError(res);
    if (res.status === 204) return undefined as T;
    // The server is the one authority on these shapes (its presenters return domain DTO types).
    return (await res.json()) as T;
  }
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
