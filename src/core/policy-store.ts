import { badRequest } from '../logical/errors.js';
import { readJSON, type StorageView, writeJSON } from '../logical/storage-view.js';
import { ACL } from './policy/acl.js';
import {
  DEFAULT_POLICY,
  isHiddenPolicy,
  isImmutablePolicy,
  RESPONSE_WRAPPING_POLICY_TEXT,
} from './policy/builtin.js';
import { normalizePolicyName, type Policy, parsePolicy } from './policy/policy.js';
import { KEYS } from './storage-keys.js';

interface StoredPolicy {
  readonly name: string;
  readonly raw: string;
}

/** ACL policies in storage (sys/policy/<name>), with the built-ins Vault has. */
export class PolicyStore {
  private readonly cache = new Map<string, Policy>();

  constructor(private readonly storage: StorageView) {}

  /** Writes the `default` policy on a new cluster, as Vault does at setup. */
  async ensureDefaults(): Promise<void> {
    if ((await this.storage.get(`${KEYS.policyPrefix}default`)) === null) {
      await writeJSON(this.storage, `${KEYS.policyPrefix}default`, { name: 'default', raw: DEFAULT_POLICY });
    }
  }

  clearCache(): void {
    this.cache.clear();
  }

  async get(rawName: string): Promise<Policy | null> {
    const name = normalizePolicyName(rawName);
    if (name === 'root') return { name: 'root', raw: '', paths: [] };
    if (name === 'response-wrapping') return parsePolicy(name, RESPONSE_WRAPPING_POLICY_TEXT);
    const cached = this.cache.get(name);
    if (cached) return cached;
    const stored = await readJSON<StoredPolicy>(this.storage, `${KEYS.policyPrefix}${name}`);
    if (!stored) return null;
    const policy = parsePolicy(name, stored.raw);
    this.cache.set(name, policy);
    return policy;
  }

  async set(rawName: string, text: string): Promise<Policy> {
    const name = normalizePolicyName(rawName);
    if (name === '') throw badRequest('policy name must be provided in the URL');
    if (isImmutablePolicy(name)) throw badRequest(`cannot update "${name}" policy`);
    const policy = parsePolicy(name, text);
    await writeJSON(this.storage, `${KEYS.policyPrefix}${name}`, { name, raw: policy.raw });
    this.cache.set(name, policy);
    return policy;
  }

  async delete(rawName: string): Promise<void> {
    const name = normalizePolicyName(rawName);
    // policy_store.go DeletePolicy: immutable names first, then the default policy's own message.
    if (isImmutablePolicy(name)) throw badRequest(`cannot delete "${name}" policy`);
    if (name === 'default') throw badRequest('cannot delete default policy');
    await this.storage.delete(`${KEYS.policyPrefix}${name}`);
    this.cache.delete(name);
  }

  async list(): Promise<string[]> {
    const names = (await this.storage.list(KEYS.policyPrefix)).filter((n) => !isHiddenPolicy(n));
    // handlePoliciesList appends "root" after the (sorted) storage listing.
    return [...names.filter((n) => n !== 'root').sort(), 'root'];
  }

  async exists(name: string): Promise<boolean> {
    return (await this.get(name)) !== null;
  }

  /** The ACL for a token's policies; unknown names are skipped, as Vault does. */
  async aclFor(names: readonly string[]): Promise<ACL> {
    if (names.includes('root')) return ACL.root();
    const policies: Policy[] = [];
    for (const name of names) {
      const policy = await this.get(name);
      if (policy) policies.push(policy);
    }
    return new ACL(policies);
  }
}
