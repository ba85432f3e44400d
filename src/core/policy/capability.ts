/**
 * Vault's ACL capabilities (vault/policy.go): the names a policy may grant, their bitmap
 * values, and the legacy `policy = "…"` shorthands.
 */
export const CAPABILITIES = [
  'deny',
  'create',
  'read',
  'update',
  'delete',
  'list',
  'sudo',
  'patch',
  'subscribe',
  'recover',
] as const;

export type Capability = (typeof CAPABILITIES)[number];

/** One bit per capability, in Vault's declaration order (DenyCapabilityInt = 1 << 0, …). */
export const CAPABILITY_BITS: Readonly<Record<Capability, number>> = {
  deny: 1 << 0,
  create: 1 << 1,
  read: 1 << 2,
  update: 1 << 3,
  delete: 1 << 4,
  list: 1 << 5,
  sudo: 1 << 6,
  patch: 1 << 7,
  subscribe: 1 << 8,
  recover: 1 << 9,
};

export const isCapability = (value: string): value is Capability => Object.hasOwn(CAPABILITY_BITS, value);

export function capabilityBits(capabilities: readonly Capability[]): number {
  let bits = 0;
  for (const capability of capabilities) bits |= CAPABILITY_BITS[capability];
  return bits;
}

/** Every granted capability except `deny`, in declaration order. */
export function grantedCapabilities(bits: number): Capability[] {
  return CAPABILITIES.filter(
    (capability) => capability !== 'deny' && (bits & CAPABILITY_BITS[capability]) !== 0,
  );
}

/** `policy = "read" | "write" | "sudo"` (pre-0.5 policies); `deny` replaces, the others append. */
export const LEGACY_POLICIES: Readonly<Record<string, readonly Capability[]>> = {
  deny: ['deny'],
  read: ['read', 'list'],
  write: ['create', 'read', 'update', 'delete', 'list'],
  sudo: ['create', 'read', 'update', 'delete', 'list', 'sudo'],
};
