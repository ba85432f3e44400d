import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net';
import { badRequest } from './errors.js';

/**
 * CIDR helpers for login restrictions (Vault's sdk/helper/cidrutil). Addresses arrive from
 * the listener as Node prints them; IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is treated as IPv4.
 */
interface Block {
  readonly network: string;
  readonly prefix: number;
  readonly family: 'ipv4' | 'ipv6';
}

function parseBlock(text: string): Block | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const network = text.slice(0, slash).trim();
  const prefixText = text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const version = isIP(network);
  if (version === 4 && prefix <= 32) return { network, prefix, family: 'ipv4' };
  if (version === 6 && prefix <= 128) return { network, prefix, family: 'ipv6' };
  return null;
}

/** cidrutil.ValidateCIDRListSlice: every entry is `address/prefix`. */
export const validCIDRList = (cidrs: readonly string[]): boolean =>
  cidrs.every((c) => parseBlock(c) !== null);

/** The remote address without an IPv4-mapped prefix. */
export const plainAddress = (address: string): string =>
  address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;

/** cidrutil.IPBelongsToCIDRBlocksSlice; entries without `/` are single hosts. */
export function addressInCIDRs(address: string, cidrs: readonly string[]): boolean {
  const ip = plainAddress(address);
  const version = isIP(ip);
  if (version === 0) return false;
  const list = new BlockList();
  for (const text of cidrs) {
    const block = parseBlock(text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`);
    if (block) list.addSubnet(block.network, block.prefix, block.family);
  }
  return list.check(ip, version === 4 ? 'ipv4' : 'ipv6');
}

/** cidrutil.SubsetBlocks: every block of `inner` lies inside some block of `outer`. */
export function cidrSubset(outer: readonly string[], inner: readonly string[]): boolean {
  const outerBlocks = outer.map((c) => parseBlock(c.includes('/') ? c : `${c}/32`));
  return inner.every((text) => {
    const block = parseBlock(text);
    if (!block) return false;
    return outerBlocks.some((o) => {
      if (!o || o.family !== block.family || o.prefix > block.prefix) return false;
      const list = new BlockList();
      list.addSubnet(o.network, o.prefix, o.family);
      return list.check(block.network, block.family);
    });
  });
}

/**
 * Checks a list of CIDRs (or bare addresses) as Vault's parseutil.ParseAddrs does, with its
 * error (go-sockaddr's NewSockAddr text wrapped by ParseAddrs); the list is kept as given.
 */
export function parseCIDRs(list: readonly string[]): string[] {
  for (const item of list) {
    const [addr = '', bits] = item.split('/');
    const okAddr = isIPv4(addr) || isIPv6(addr);
    const max = isIPv4(addr) ? 32 : 128;
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max);
    if (!okAddr || !okBits) {
      const quoted = JSON.stringify(item);
      throw badRequest(
        `error parsing address ${quoted}: Unable to convert ${quoted} to an IPv4 or IPv6 address, or a UNIX Socket`,
      );
    }
  }
  return [...list];
}
