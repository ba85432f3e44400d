import type { FlagSpec } from './flags.js';

/** Vault's FlagSetHTTP (reference 1.2), plus hvr's -cluster for embedded local clusters. */
export const HTTP_FLAGS: readonly FlagSpec[] = [
  {
    name: 'address',
    type: 'string',
    env: 'VAULT_ADDR',
    usage: 'Address of the Vault server; without it (and VAULT_ADDR) hvr runs an embedded node.',
  },
  {
    name: 'agent-address',
    type: 'string',
    env: 'VAULT_AGENT_ADDR',
    usage: 'Address of the Agent.',
    hidden: true,
  },
  {
    name: 'ca-cert',
    type: 'string',
    env: 'VAULT_CACERT',
    usage: 'Path on the local disk to a single PEM-encoded CA certificate.',
  },
  {
    name: 'ca-path',
    type: 'string',
    env: 'VAULT_CAPATH',
    usage: 'Path on the local disk to a directory of PEM-encoded CA certificates.',
  },
  {
    name: 'client-cert',
    type: 'string',
    env: 'VAULT_CLIENT_CERT',
    usage: 'Path on the local disk to a single PEM-encoded client certificate.',
  },
  {
    name: 'client-key',
    type: 'string',
    env: 'VAULT_CLIENT_KEY',
    usage: 'Path on the local disk to a single PEM-encoded private key matching the client certificate.',
  },
  {
    name: 'namespace',
    type: 'string',
    env: 'VAULT_NAMESPACE',
    aliases: ['ns'],
    usage: 'The namespace to use for the command.',
  },
  {
    name: 'tls-server-name',
    type: 'string',
    env: 'VAULT_TLS_SERVER_NAME',
    usage: 'Name to use as the SNI host when connecting via TLS.',
  },
  {
    name: 'tls-skip-verify',
    type: 'bool',
    env: 'VAULT_SKIP_VERIFY',
    usage: 'Disable verification of TLS certificates.',
  },
  {
    name: 'disable-redirects',
    type: 'bool',
    env: 'VAULT_DISABLE_REDIRECTS',
    usage: 'Disable the default client behavior of following a redirect.',
  },
  {
    name: 'wrap-ttl',
    type: 'string',
    env: 'VAULT_WRAP_TTL',
    usage: 'Wraps the response in a cubbyhole token with the requested TTL.',
  },
  {
    name: 'policy-override',
    type: 'bool',
    usage: 'Override a Sentinel policy that has a soft-mandatory enforcement_level specified.',
  },
  {
    name: 'mfa',
    type: 'string-slice',
    env: 'VAULT_MFA',
    usage: 'Supply MFA credentials as part of X-Vault-MFA header.',
  },
  {
    name: 'header',
    type: 'map',
    usage:
      'Key-value pair provided as key=value to provide http header added to any request done by the CLI.',
  },
  {
    name: 'non-interactive',
    type: 'bool',
    usage: 'When set true, prevents asking the user for input via the terminal.',
  },
  {
    name: 'output-curl-string',
    type: 'bool',
    usage: 'Instead of executing the request, print an equivalent cURL command string and exit.',
  },
  {
    name: 'output-policy',
    type: 'bool',
    usage:
      'Instead of executing the request, print an example HCL policy that would be required to run this command, and exit.',
  },
  { name: 'unlock-key', type: 'string', usage: 'Key to unlock a namespace API lock.', hidden: true },
  {
    name: 'cluster',
    type: 'string',
    env: 'HVR_CLUSTER',
    usage: 'hvr: the embedded local cluster to use when no address is set (default "default").',
  },
];

export const FORMATS = ['table', 'json', 'yaml', 'pretty', 'raw'] as const;

export const OUTPUT_FLAGS: readonly FlagSpec[] = [
  {
    name: 'format',
    type: 'string',
    usage: 'Print the output in the given format. Valid formats are "table", "json", "yaml", or "pretty".',
    completions: FORMATS,
  },
  {
    name: 'field',
    type: 'string',
    usage:
      'Print only the field with the given name. Specifying this option will take precedence over other formatting directives.',
  },
];

export const FORMAT_ONLY: readonly FlagSpec[] = [OUTPUT_FLAGS[0] as FlagSpec];

/** The HTTP and -format flags plus a command's own -detailed (the list commands). */
export const withDetailedFlag = (usage: string, env?: string): readonly FlagSpec[] => [
  ...HTTP_FLAGS,
  ...FORMAT_ONLY,
  { name: 'detailed', type: 'bool', usage, ...(env === undefined ? {} : { env }) },
];
