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
/** ACLs kept per list of policy names (the distinct lists in use are few). */
const ACL_CACHE_LIMIT = 1024;
const ROOT_ACL = ACL.root();

export class PolicyStore {
  private readonly cache = new Map<string, Policy>();
  /** Bumped by every change, so a read that raced a write does not cache what it read. */
  private generation = 0;
  /**
   * The ACL built for a token's policy names, with the Policy objects it was built from: it is
   * reused only while get() still returns those very objects, so a policy write, delete or
   * replicated change (each replaces or drops the cached Policy) rebuilds it.
   */
  private readonly acls = new Map<string, { readonly policies: readonly Policy[]; readonly acl: ACL }>();

  constructor(private readonly storage: StorageView) {}

  /** Writes the `default` policy on a new cluster, as Vault does at setup. */
  async ensureDefaults(): Promise<void> {
    if ((await this.storage.get(`${KEYS.policyPrefix}default`)) === null) {
      await writeJSON(this.storage, `${KEYS.policyPrefix}default`, { name: 'default', raw: DEFAULT_POLICY });
    }
  }

  clearCache(): void {
    this.generation++;
    this.cache.clear();
    this.acls.clear();
  }

  async get(rawName: string): Promise<Policy | null> {
    const name = normalizePolicyName(rawName);
    if (name === 'root') return { name: 'root', raw: '', paths: [] };
    if (name === 'response-wrapping') return parsePolicy(name, RESPONSE_WRAPPING_POLICY_TEXT);
    const cached = this.cache.get(name);
    if (cached) return cached;
    const generation = this.generation;
    const stored = await readJSON<StoredPolicy>(this.storage, `${KEYS.policyPrefix}${name}`);
    if (!stored) return null;
    const policy = parsePolicy(name, stored.raw);
    if (generation === this.generation) this.cache.set(name, policy);
    return policy;
  }

  async set(rawName: string, text: string): Promise<Policy> {
    const name = normalizePolicyName(rawName);
    if (name === '') throw badRequest('policy name must be provided in the URL');
    if (isImmutablePolicy(name)) throw badRequest(`cannot update "${name}" policy`);
    const policy = parsePolicy(name, text);
    this.generation++;
    await writeJSON(this.storage, `${KEYS.policyPrefix}${name}`, { name, raw: policy.raw });
    this.generation++;
    this.cache.set(name, policy);
    return policy;
  }

  async delete(rawName: string): Promise<void> {
    const name = normalizePolicyName(rawName);
    // policy_store.go DeletePolicy: immutable names first, then the default policy's own message.
    if (isImmutablePolicy(name)) throw badRequest(`cannot delete "${name}" policy`);
    if (name === 'default') throw badRequest('cannot delete default policy');
    this.generation++;
    await this.storage.delete(`${KEYS.policyPrefix}${name}`);
    this.generation++;
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
    if (names.includes('root')) return ROOT_ACL;
    const policies: Policy[] = [];
    for (const name of names) {
      const policy = await this.get(name);
      if (policy) policies.push(policy);
    }
    const key = names.join('\n');
    const held = this.acls.get(key);
    if (
      held &&
      held.policies.length === policies.length &&
      held.policies.every((p, i) => p === policies[i])
    ) {
      return held.acl;
    }
    const acl = new ACL(policies);
    if (this.acls.size >= ACL_CACHE_LIMIT) this.acls.clear();
    this.acls.set(key, { policies, acl });
    return acl;
  }
}
