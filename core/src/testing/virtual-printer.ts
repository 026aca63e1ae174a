import { createServer, type Server, type Socket } from 'node:net';
import iconv from 'iconv-lite';

/**
 * A network thermal printer for tests: a TCP server on a free loopback port that speaks the part of ESC/POS
 * the dispatcher uses — it answers `DLE EOT n` (real-time status) and `GS r 1` (status after processing) —
 * and records every byte a connection sent after its status request, as a real printer would print them
 * (a partly received ticket counts as printed: paper can't be taken back). It can be switched off (connection
 * refused), made silent (accepts, never answers), or held (the status answer waits for `release()`).
 */
export class VirtualPrinter {
  /** The bytes each connection sent after its status request (empty when it sent nothing more). */
  private readonly received: Buffer[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private mode: 'online' | 'silent' | 'offline' = 'online';
  private held: (() => void)[] = [];
  /** Status requests past this many wait for `release()`; null: none wait. */
  private holdAfter: number | null = null;
  private statusRequests = 0;

  private constructor(public port: number) {}

  static async start(): Promise<VirtualPrinter> {
    const printer = new VirtualPrinter(0);
    await printer.up();
    return printer;
  }

  /** Listens (again, on the same port once it had one). */
  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (typeof address === 'object' && address) this.port = address.port;
    this.server = server;
  }

  /** Switched off: open connections drop, new ones are refused. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** `silent`: accepts and reads, never answers (a hung printer). `offline`: answers that it is offline. */
  setMode(mode: 'online' | 'silent' | 'offline'): void {
    this.mode = mode;
  }

  /**
   * Answers the next `answered` status requests, then holds every later one until `release()`: a sender waits
   * there with nothing of its ticket sent yet (a printer warming up, or busy with another host).
   */
  hold(answered = 0): void {
    this.holdAfter = this.statusRequests + answered;
  }

  release(): void {
    this.holdAfter = null;
    for (const answer of this.held.splice(0)) answer();
  }

  /** Status requests seen (a sender connected and asked). */
  get asked(): number {
    return this.statusRequests;
  }

  /** What was printed: one entry per connection that sent anything after its status request. */
  get prints(): Buffer[] {
    return this.received.filter((b) => b.length > 0);
  }

  /** Every print decoded from CP949, with the ESC/POS control bytes turned into spaces. */
  tickets(): string[] {
    return this.prints.map(decodeTicket);
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let seen = Buffer.alloc(0);
    let printIndex = -1;
    socket.on('data', (chunk: Buffer) => {
      const from = seen.length;
      seen = Buffer.concat([seen, chunk]);
      if (printIndex >= 0) this.received[printIndex] = Buffer.concat([this.received[printIndex] as Buffer, chunk]);
      for (let i = Math.max(0, from - 2); i + 2 < seen.length; i++) {
        if (seen[i] === 0x10 && seen[i + 1] === 0x04 && printIndex < 0) {
          this.statusRequests += 1;
          const rest = seen.subarray(i + 3);
          printIndex = this.received.push(Buffer.from(rest)) - 1;
          this.answer(socket, this.mode === 'offline' ? 0x1a : 0x12, this.holdAfter !== null && this.statusRequests > this.holdAfter);
        } else if (seen[i] === 0x1d && seen[i + 1] === 0x72 && seen[i + 2] === 0x31) {
          this.answer(socket, 0x00, false);
        }
      }
    });
  }

  private answer(socket: Socket, byte: number, held: boolean): void {
    if (this.mode === 'silent') return;
    const send = () => {
      if (!socket.destroyed) socket.write(Buffer.from([byte]));
    };
    if (held) this.held.push(send);
    else send();
  }

  async close(): Promise<void> {
    this.release();
    await this.down();
  }
}

/** CP949 text of one print; control bytes (ESC/POS commands' framing) become spaces so words stay apart. */
export function decodeTicket(bytes: Buffer): string {
  return iconv.decode(bytes, 'cp949').replace(/[\x00-\x09\x0b-\x1f\x7f]/g, ' ');
}
