import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { get, type IncomingMessage, type Server } from 'node:http';
import { serveFavicon, serveSpa } from './static-files';

describe('serveSpa', () => {
  const script = 'console.log("hiorder");'.repeat(200);
  let server: Server;
  let base = '';

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'hiorder-spa-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(dist, 'assets/index-abc123.js'), script);
    writeFileSync(join(dist, 'assets/index-abc123.js.br'), brotliCompressSync(script));
    writeFileSync(join(dist, 'assets/index-abc123.js.gz'), gzipSync(script));
    const app = new Koa();
    writeFileSync(join(dist, 'icon.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    app.use(serveFavicon(join(dist, 'icon.png')));
    app.use(serveSpa('/tablet/', dist));
    server = app.listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('sends the precompressed brotli copy of a hashed asset, cached as immutable', async () => {
    // node:http, not fetch: fetch would decode the body and hide what came over the wire.
    const res = await new Promise<IncomingMessage>((ok, fail) =>
      get(`${base}/tablet/assets/index-abc123.js`, { headers: { 'accept-encoding': 'br, gzip' } }, ok).on('error', fail),
    );
    const body: Buffer[] = [];
    for await (const chunk of res) body.push(chunk as Buffer);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers.vary).toContain('Accept-Encoding');
    expect(res.headers['cache-control']).toContain('immutable');
    expect(Buffer.concat(body).length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(Buffer.concat(body)).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file, by what the browser accepts', async () => {
    const gz = await fetch(`${base}/tablet/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(script);
    const plain = await fetch(`${base}/tablet/assets/index-abc123.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('answers /favicon.ico with the app icon', async () => {
    const res = await fetch(`${base}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
  });

  it('never caches the HTML', async () => {
    const res = await fetch(`${base}/tablet/some/client/route`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<title>t</title>');
  });
});
