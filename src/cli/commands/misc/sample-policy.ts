import type { WireRequest } from '../../../client/client.js';
import { parseGoBool } from '../../../gocompat/parse-bool.js';

/**
 * `-output-policy`: the HCL policy a request needs, as Vault's api/output_policy.go
 * (`buildSamplePolicy`, `formatOutputPolicy`) writes it. The sudo paths are Vault's static
 * table (api/sudo_paths.go); like Vault's, it knows only default mount paths.
 */
const SUDO_PATHS: readonly RegExp[] = [
  /^\/auth\/token\/accessors\/?$/,
  /^\/auth\/token\/revoke-orphan$/,
  /^\/pki\/root$/,
  /^\/pki\/root\/sign-self-issued$/,
  /^\/sys\/audit$/,
  /^\/sys\/audit\/.+$/,
  /^\/sys\/auth\/.+$/,
  /^\/sys\/auth\/.+\/tune$/,
  /^\/sys\/config\/auditing\/request-headers$/,
  /^\/sys\/config\/auditing\/request-headers\/.+$/,
  /^\/sys\/config\/cors$/,
  /^\/sys\/config\/ui\/headers\/?$/,
  /^\/sys\/config\/ui\/headers\/.+$/,
  /^\/sys\/internal\/inspect\/router\/.+$/,
  /^\/sys\/internal\/counters\/activity\/export$/,
  /^\/sys\/leases$/,
  /^\/sys\/leases\/lookup(?:\/.+)?$/,
  /^\/sys\/leases\/revoke-force\/.+$/,
  /^\/sys\/leases\/revoke-prefix\/.+$/,
  /^\/sys\/plugins\/catalog\/[^/]+$/,
  /^\/sys\/plugins\/catalog\/[\w-]+$/,
  /^\/sys\/plugins\/catalog\/[\w-]+\/[^/]+$/,
  /^\/sys\/plugins\/runtimes\/catalog\/?$/,
  /^\/sys\/plugins\/runtimes\/catalog\/[\w-]+\/[^/]+$/,
  /^\/sys\/raw(?:\/.+)?$/,
  /^\/sys\/remount$/,
  /^\/sys\/revoke-force\/.+$/,
  /^\/sys\/revoke-prefix\/.+$/,
  /^\/sys\/rotate$/,
  /^\/sys\/seal$/,
  /^\/sys\/step-down$/,
  /^\/sys\/replication\/dr\/primary\/secondary-token$/,
  /^\/sys\/replication\/performance\/primary\/secondary-token$/,
  /^\/sys\/replication\/primary\/secondary-token$/,
  /^\/sys\/replication\/reindex$/,
  /^\/sys\/storage\/raft\/snapshot-auto\/config\/?$/,
  /^\/sys\/storage\/raft\/snapshot-auto\/config\/[^/]+$/,
];

/** Vault's IsSudoPath: the path with its leading slash. */
export const isSudoPath = (path: string): boolean => SUDO_PATHS.some((re) => re.test(path));

function queryValue(req: WireRequest, name: string): string | undefined {
  const value = req.query?.[name];
  return typeof value === 'string' ? value : value?.[0];
}

/** Thrown when `list=` is not a boolean, as Vault's buildSamplePolicy fails then. */
export class SamplePolicyError extends Error {
  override readonly name = 'SamplePolicyError';
}

export function samplePolicy(req: WireRequest): string {
  let operation: string = req.method;
  const list = queryValue(req, 'list');
  if (list !== undefined) {
    const parsed = parseGoBool(list);
    if (parsed === undefined)
      throw new SamplePolicyError(
        `the value of the list url param is not a bool: strconv.ParseBool: parsing "${list}": invalid syntax`,
      );
    if (parsed) operation = 'LIST';
  }
  const capabilities: string[] = [];
  switch (operation) {
    case 'GET':
      capabilities.push('read');
      break;
    case 'POST':
    case 'PUT':
      capabilities.push('create', 'update');
      break;
    case 'PATCH':
      capabilities.push('patch');
      break;
    case 'DELETE':
      capabilities.push('delete');
      break;
    case 'LIST':
      capabilities.push('list');
      break;
  }
  const path = `/${req.path}`;
  if (isSudoPath(path)) capabilities.push('sudo');
  return `path "${path.replace(/^\/+/, '')}" {\n  capabilities = ["${capabilities.join('", "')}"]\n}`;
}
