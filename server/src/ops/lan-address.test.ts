import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanAddress } from './lan-address';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  family: 'IPv4',
  internal,
  netmask: '255.255.255.0',
  mac: '00:00:00:00:00:00',
  cidr: null,
});

describe('lanAddress', () => {
  it("prefers the Wi-Fi's private address over loopback, docker-like and public ones", () => {
    const interfaces = { lo: [v4('127.0.0.1', true)], eth0: [v4('203.0.113.7')], wlan0: [v4('192.168.0.23')] };
    expect(lanAddress('0.0.0.0', interfaces)).toBe('192.168.0.23');
  });

  it('takes any external IPv4 when no private one exists, and null when there is none', () => {
    expect(lanAddress('0.0.0.0', { eth0: [v4('203.0.113.7')] })).toBe('203.0.113.7');
    expect(lanAddress('0.0.0.0', { lo: [v4('127.0.0.1', true)] })).toBeNull();
  });

  it('says nothing when the server listens on loopback only (no tablet could reach it)', () => {
    expect(lanAddress('127.0.0.1', { wlan0: [v4('10.0.0.5')] })).toBeNull();
    expect(lanAddress('localhost', { wlan0: [v4('10.0.0.5')] })).toBeNull();
  });
});
