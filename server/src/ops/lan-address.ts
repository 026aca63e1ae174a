import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/**
 * This machine's address on the local network, for the start banner and the pairing links when PUBLIC_URL is
 * unset: a tablet on the restaurant's Wi-Fi cannot open `localhost`. Private IPv4 ranges first (192.168/16,
 * 10/8, 172.16/12: the Wi-Fi), then any other external IPv4; null when there is none (offline laptop) or when the
 * server listens on loopback only (then no other device could reach it anyway).
 */
export function lanAddress(host: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string | null {
  if (!listensBeyondLoopback(host)) return null;
  const candidates = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
  return candidates.find(isPrivate) ?? candidates[0] ?? null;
}

function listensBeyondLoopback(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '' || !(host === 'localhost' || host.startsWith('127.') || host === '::1');
}

function isPrivate(address: string): boolean {
  const [a, b] = address.split('.').map(Number);
  return a === 10 || (a === 192 && b === 168) || (a === 172 && b !== undefined && b >= 16 && b <= 31);
}
