import { TRUST_PROXY_PATTERN, trustProxy } from './trust-proxy';

describe('TRUST_PROXY', () => {
  it.each([
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.1', ['10.0.0.1']],
    ['loopback, 10.0.0.0/8,fd00::/8', ['loopback', '10.0.0.0/8', 'fd00::/8']],
  ])('takes %j as Express takes it', (setting, expected) => {
    expect(TRUST_PROXY_PATTERN.test(setting)).toBe(true);
    expect(trustProxy(setting)).toEqual(expected);
  });

  it.each(['true', 'yes', '', '-1', 'proxy.example.com', '10.0.0.1,,10.0.0.2'])(
    'refuses %j (true would trust every hop, and let a client choose its address)',
    (setting) => {
      expect(TRUST_PROXY_PATTERN.test(setting)).toBe(false);
    },
  );
});
