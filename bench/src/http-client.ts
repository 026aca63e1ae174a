import { Agent, request } from 'node:http';

/**
 * JSON over HTTP on keep-alive sockets. `node:http` rather than `fetch`: on two shared cores the load generator's
 * own CPU is part of the measurement, and undici's fetch costs noticeably more per request.
 */
export interface JsonReply<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export class JsonHttpClient {
  private readonly agent: Agent;
  private readonly base: URL;

  constructor(baseUrl: string, maxSockets = 64) {
    this.base = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /**
   * One request. A keep-alive socket the server closed while idle (its keep-alive timeout) fails with ECONNRESET
   * on reuse; Node's documented answer is to resend on a fresh socket when `reusedSocket` is set. Every request the
   * bench sends is safe to resend (placements carry an idempotency key, closing a visit is idempotent).
   */
  async send<T>(method: string, path: string, options: { token?: string; body?: unknown; timeoutMs?: number } = {}): Promise<JsonReply<T>> {
    try {
      return await this.sendOnce<T>(method, path, options);
    } catch (err) {
      if (!(err instanceof StaleSocketError)) throw err;
      return this.sendOnce<T>(method, path, options);
    }
  }

  private sendOnce<T>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; timeoutMs?: number },
  ): Promise<JsonReply<T>> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.base.hostname,
          port: this.base.port,
          path,
          method,
          agent: this.agent,
          timeout: options.timeoutMs ?? 30_000,
          headers: {
            ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : null;
            } catch {
              // not JSON: keep the text for the error message
            }
            resolve({ status: res.statusCode ?? 0, body: body as T, headers: res.headers });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timeout ${method} ${path}`)));
      req.on('error', (err: NodeJS.ErrnoException) => {
        reject(req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE') ? new StaleSocketError(err.message) : err);
      });
      req.end(payload);
    });
  }

  /** Like `send`, but anything other than 2xx is an error (setup calls, where a failure stops the bench). */
  async expectOk<T>(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<T> {
    const reply = await this.send<T>(method, path, options);
    if (reply.status < 200 || reply.status >= 300) {
      throw new Error(`${method} ${path} answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 500)}`);
    }
    return reply.body;
  }

  close(): void {
    this.agent.destroy();
  }
}

class StaleSocketError extends Error {}
