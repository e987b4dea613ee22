import { describe, expect, it } from 'vitest';
import { isLocalHostHeader } from '../../src/http/desk-server.js';

describe('the desk answers only to local Host names (no DNS rebinding)', () => {
  it.each(['127.0.0.1:8081', 'localhost:8081', 'LOCALHOST', '[::1]:8081', '10.0.0.5'])('accepts %s', (host) => {
    expect(isLocalHostHeader(host)).toBe(true);
  });
  it.each([undefined, 'evil.example', 'evil.example:8081', '127.0.0.1.nip.io', 'localhost.evil.example'])('refuses %s', (host) => {
    expect(isLocalHostHeader(host)).toBe(false);
  });
});
