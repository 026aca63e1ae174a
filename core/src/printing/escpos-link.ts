import { connect } from 'node:net';

/** Where a printer listens: raw TCP, the "port 9100" (JetDirect) protocol of network thermal printers. */
export interface PrinterAddress {
  host: string;
  port: number;
}

/** `DLE EOT 1`: real-time printer status. Answered at once, before anything buffered, with one byte. */
export const REALTIME_STATUS_REQUEST = Buffer.from([0x10, 0x04, 0x01]);
/** Bit 3 of the printer-status byte: the printer is offline (cover open, paper out, feeding). */
const OFFLINE_BIT = 0x08;

/**
 * Why a send failed, and whether any byte of the job had left: `bytesSent` false means the printer certainly
 * printed nothing (safe to send again); true means it may have printed (a retry may be a duplicate).
 */
export class PrinterSendError extends Error {
  constructor(
    message: string,
    readonly bytesSent: boolean,
  ) {
    super(message);
    this.name = 'PrinterSendError';
  }
}

/** Sends one job's bytes to a printer and resolves once the printer acknowledged them. */
export type PrinterSender = (address: PrinterAddress, job: Buffer) => Promise<void>;

/**
 * The ESC/POS conversation for one job, on a fresh connection: connect, ask the real-time status
 * (`DLE EOT 1`) and wait for its byte — so a printer that does not answer, or says it is offline, fails the
 * job before any byte of it leaves — then write the job, which ends with `GS r 1` (receiptline's closing
 * command; a printer answers it only after processing everything before it), and wait for that answer. Each
 * wait is bounded by `timeoutMs`. Throws `PrinterSendError`.
 */
export function escposSender(timeoutMs: number): PrinterSender {
  return (address, job) =>
    new Promise<void>((resolve, reject) => {
      let jobWritten = false;
      let settled = false;
      let received = 0;
      const socket = connect({ host: address.host, port: address.port });
      const finish = (err: PrinterSendError | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) {
          socket.destroy();
          reject(err);
        } else {
          socket.end();
          resolve();
        }
      };
      let timer = setTimeout(() => finish(new PrinterSendError(`no answer within ${timeoutMs} ms (connecting)`, false)), timeoutMs);
      const rearm = (stage: string) => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(new PrinterSendError(`no answer within ${timeoutMs} ms (${stage})`, jobWritten)), timeoutMs);
      };
      socket.setNoDelay(true);
      socket.on('connect', () => {
        rearm('status');
        socket.write(REALTIME_STATUS_REQUEST);
      });
      socket.on('data', (chunk: Buffer) => {
        for (const byte of chunk) {
          received += 1;
          if (received === 1) {
            if (byte & OFFLINE_BIT)
              return finish(new PrinterSendError('the printer reports itself offline (cover open or out of paper)', false));
            jobWritten = true;
            rearm('printing');
            socket.write(job);
          } else if (received === 2) {
            return finish(null);
          }
        }
      });
      socket.on('error', (err: NodeJS.ErrnoException) => finish(new PrinterSendError(describeSocketError(err), jobWritten)));
      socket.on('close', () => finish(new PrinterSendError('the printer closed the connection before answering', jobWritten)));
    });
}

function describeSocketError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused (printer off, or wrong port)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable (printer off the network)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host name';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset by the printer';
    default:
      return err.message.slice(0, 200);
  }
}
