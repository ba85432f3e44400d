/**
 * The policies Vault creates itself (vault/policy_store.go): `default`, `response-wrapping`
 * and `control-group`, plus the internal `root`. Texts are byte-for-byte Vault's, including
 * the leading newline, the blank line left by the Enterprise-only section and the tab in
 * the OIDC stanza, so `vault policy read default` prints the same thing.
 */
import type { Policy } from './policy.js';

export const ROOT_POLICY_NAME = 'root';
export const DEFAULT_POLICY_NAME = 'default';
export const RESPONSE_WRAPPING_POLICY_NAME = 'response-wrapping';
export const CONTROL_GROUP_POLICY_NAME = 'control-group';

/** Vault's `defaultPolicy`. */
export const DEFAULT_POLICY = `
# Allow tokens to look up their own properties
path "auth/token/lookup-self" {
    capabilities = ["read"]
}

# Allow tokens to renew themselves
path "auth/token/renew-self" {
    capabilities = ["update"]
}

# Allow tokens to revoke themselves
path "auth/token/revoke-self" {
    capabilities = ["update"]
}

# Allow a token to look up its own capabilities on a path
path "sys/capabilities-self" {
    capabilities = ["update"]
}

# Allow a token to look up its own entity by id or name
path "identity/entity/id/{{identity.entity.id}}" {
  capabilities = ["read"]
}
path "identity/entity/name/{{identity.entity.name}}" {
  capabilities = ["read"]
}


# Allow a token to look up its resultant ACL from all policies. This is useful
# for UIs. It is an internal path because the format may change at any time
# based on how the internal ACL features and capabilities change.
path "sys/internal/ui/resultant-acl" {
    capabilities = ["read"]
}

# Allow a token to renew a lease via lease_id in the request body; old path for
# old clients, new path for newer
path "sys/renew" {
    capabilities = ["update"]
}
path "sys/leases/renew" {
    capabilities = ["update"]
}

# Allow looking up lease properties. This requires knowing the lease ID ahead
# of time and does not divulge any sensitive information.
path "sys/leases/lookup" {
    capabilities = ["update"]
}

# Allow a token to manage its own cubbyhole
path "cubbyhole/*" {
    capabilities = ["create", "read", "update", "delete", "list"]
}

# Allow a token to wrap arbitrary values in a response-wrapping token
path "sys/wrapping/wrap" {
    capabilities = ["update"]
}

# Allow a token to look up the creation time and TTL of a given
# response-wrapping token
path "sys/wrapping/lookup" {
    capabilities = ["update"]
}

# Allow a token to unwrap a response-wrapping token. This is a convenience to
# avoid client token swapping since this is also part of the response wrapping
# policy.
path "sys/wrapping/unwrap" {
    capabilities = ["update"]
}

# Allow general purpose tools
path "sys/tools/hash" {
    capabilities = ["update"]
}
path "sys/tools/hash/*" {
    capabilities = ["update"]
}

# Allow checking the status of a Control Group request if the user has the
# accessor
path "sys/control-group/request" {
    capabilities = ["update"]
}

# Allow a token to make requests to the Authorization Endpoint for OIDC providers.
path "identity/oidc/provider/+/authorize" {
\tcapabilities = ["read", "update"]
}
`;

/** Vault's `responseWrappingPolicy`: what a wrapping token may do. */
export const RESPONSE_WRAPPING_POLICY_TEXT = `
path "cubbyhole/response" {
    capabilities = ["create", "read"]
}

path "sys/wrapping/unwrap" {
    capabilities = ["update"]
}
`;

/** Vault's `controlGroupPolicy`. */
export const CONTROL_GROUP_POLICY_TEXT = `
path "cubbyhole/control-group" {
    capabilities = ["update", "create", "read"]
}

path "sys/wrapping/unwrap" {
    capabilities = ["update"]
}
`;

/** What `GetPolicy("root")` returns: no text and no paths; the ACL treats the name specially. */
export const rootPolicy = (): Policy => ({ name: ROOT_POLICY_NAME, raw: '', paths: [] });

const IMMUTABLE = new Set([ROOT_POLICY_NAME, RESPONSE_WRAPPING_POLICY_NAME, CONTROL_GROUP_POLICY_NAME]);
const NON_ASSIGNABLE = new Set([RESPONSE_WRAPPING_POLICY_NAME, CONTROL_GROUP_POLICY_NAME]);

/** Writes answer `cannot update "<name>" policy`, deletes `cannot delete "<name>" policy`. */
export const isImmutablePolicy = (name: string): boolean => IMMUTABLE.has(name);

/** Left out of policy lists (Vault's nonAssignablePolicies). */
export const isHiddenPolicy = (name: string): boolean => NON_ASSIGNABLE.has(name);

/** Immutable policies and `default` (`cannot delete default policy`). */
export const isUndeletablePolicy = (name: string): boolean =>
  isImmutablePolicy(name) || name === DEFAULT_POLICY_NAME;
