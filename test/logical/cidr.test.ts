import { describe, expect, test } from 'vitest';
import { addressInCIDRs, cidrSubset, validCIDRList } from '../../src/logical/cidr.js';

describe('CIDR helpers (cidrutil)', () => {
  test('validation needs address/prefix within range', () => {
    expect(validCIDRList(['10.0.0.0/8', '127.0.0.1/32', '::1/128'])).toBe(true);
    expect(validCIDRList(['10.0.0.0'])).toBe(false);
    expect(validCIDRList(['300.0.0.0/8'])).toBe(false);
    expect(validCIDRList(['10.0.0.0/33'])).toBe(false);
  });

  test('membership, with IPv4-mapped IPv6 seen as IPv4 and bare hosts as /32', () => {
    expect(addressInCIDRs('127.0.0.1', ['127.0.0.0/8'])).toBe(true);
    expect(addressInCIDRs('::ffff:127.0.0.2', ['127.0.0.2/32'])).toBe(true);
    expect(addressInCIDRs('127.0.0.2', ['127.0.0.1/32'])).toBe(false);
    expect(addressInCIDRs('10.1.2.3', ['10.1.2.3'])).toBe(true);
    expect(addressInCIDRs('not-an-ip', ['0.0.0.0/0'])).toBe(false);
  });

  test('subset: every inner block inside some outer block', () => {
    expect(cidrSubset(['10.0.0.0/8'], ['10.1.0.0/16', '10.2.3.4/32'])).toBe(true);
    expect(cidrSubset(['10.0.0.0/16'], ['10.0.0.0/8'])).toBe(false);
    expect(cidrSubset(['10.0.0.0/8'], ['11.0.0.0/16'])).toBe(false);
    expect(cidrSubset(['127.0.0.1'], ['127.0.0.1/32'])).toBe(true);
  });
});
