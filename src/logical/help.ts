import type { Backend, FieldSpec, FieldType, PathSpec } from './path-spec.js';
import type { Operation, Response } from './request.js';

/**
 * The help operation (`?help=1`, `vault path-help`) and the OpenAPI document, generated from
 * the PathSpec tables alone, like Vault's framework (sdk/framework/path.go helpCallback,
 * sdk/framework/openapi.go). Nothing here knows a particular backend.
 */
export interface OpenApiDocument {
  openapi: '3.0.2';
  info: { title: string; description: string; version: string; license: { name: string; url: string } };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

/** One mounted backend, as the help generator needs it. */
export interface MountedPaths {
  /** Mount path with its trailing slash, e.g. `secret/`, `sys/`, `auth/token/`. */
  readonly prefix: string;
  readonly backend: Backend;
}

const OPENAPI_TYPE: Record<FieldType, { type: string; format?: string; items?: { type: string } }> = {
  string: { type: 'string' },
  int: { type: 'integer' },
  bool: { type: 'boolean' },
  duration: { type: 'string', format: 'duration' },
  map: { type: 'object' },
  'string-list': { type: 'array', items: { type: 'string' } },
  'comma-string-list': { type: 'array', items: { type: 'string' } },
  raw: { type: 'object' },
};

/** Vault's names for field types in help text (framework.FieldType.String). */
const HELP_TYPE: Record<FieldType, string> = {
  string: 'string',
  int: 'int',
  bool: 'bool',
  duration: 'duration (sec)',
  map: 'map',
  'string-list': 'slice',
  'comma-string-list': 'slice',
  raw: 'map',
};

const HTTP_METHOD: Partial<Record<Operation, string>> = {
  read: 'get',
  update: 'post',
  create: 'post',
  delete: 'delete',
  patch: 'patch',
};

/** `roles/:name` → `roles/{name}`; `data/*path` → `data/{path}`. */
export const openApiPath = (pattern: string): string =>
  pattern
    .split('/')
    .map((s) => (s.startsWith(':') || s.startsWith('*') ? `{${s.slice(1)}}` : s))
    .join('/');

/** Fields declared by the spec, minus those the pattern captures. */
function bodyFields(spec: PathSpec): [string, FieldSpec][] {
  return Object.entries(spec.fields ?? {})
    .filter(([name]) => !spec.pattern.includes(`:${name}`) && !spec.pattern.includes(`*${name}`))
    .sort(([a], [b]) => a.localeCompare(b));
}

const pathParams = (pattern: string): string[] =>
  pattern
    .split('/')
    .filter((s) => s.startsWith(':') || s.startsWith('*'))
    .map((s) => s.slice(1));

function schemaOf(field: FieldSpec): Record<string, unknown> {
  return {
    ...OPENAPI_TYPE[field.type],
    ...(field.description ? { description: field.description } : {}),
    ...(field.default !== undefined ? { default: field.default } : {}),
  };
}

/** The OpenAPI path item of one declared path. */
export function pathItem(prefix: string, spec: PathSpec): Record<string, unknown> {
  const item: Record<string, unknown> = {
    description: spec.synopsis,
    ...(pathParams(spec.pattern).length > 0
      ? {
          parameters: pathParams(spec.pattern).map((name) => ({
            name,
            description: spec.fields?.[name]?.description ?? name,
            in: 'path',
            schema: { type: 'string' },
            required: true,
          })),
        }
      : {}),
  };
  const operationId = (verb: string) =>
    `${verb}-${`${prefix}${spec.pattern}`.replace(/[/:*]+/g, '-').replace(/-+$/, '')}`;
  const fields = bodyFields(spec);
  for (const op of Object.keys(spec.ops) as Operation[]) {
    if (op === 'list') {
      item.get = {
        ...((item.get as Record<string, unknown>) ?? {
          summary: spec.synopsis,
          operationId: operationId('list'),
        }),
        parameters: [
          {
            name: 'list',
            description: 'Must be set to `true`',
            in: 'query',
            schema: { type: 'string', enum: ['true'] },
            required: !spec.ops.read,
          },
        ],
        responses: { '200': { description: 'OK' } },
      };
      continue;
    }
    const method = HTTP_METHOD[op];
    if (!method || item[method]) continue;
    const operation: Record<string, unknown> = {
      summary: spec.synopsis,
      operationId: operationId(method === 'post' ? 'write' : method === 'get' ? 'read' : method),
      responses: {
        [method === 'delete' ? '204' : '200']: { description: method === 'delete' ? 'empty body' : 'OK' },
      },
    };
    if ((method === 'post' || method === 'patch') && fields.length > 0) {
      operation.requestBody = {
        required: true,
        content: {
          [method === 'patch' ? 'application/merge-patch+json' : 'application/json']: {
            schema: {
              type: 'object',
              properties: Object.fromEntries(fields.map(([n, f]) => [n, schemaOf(f)])),
            },
          },
        },
      };
    }
    item[method] = operation;
  }
  return item;
}

export function openApiDocument(mounts: readonly MountedPaths[], version: string): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { prefix, backend } of mounts) {
    for (const spec of backend.paths)
      paths[`/${prefix}${openApiPath(spec.pattern)}`] = pathItem(prefix, spec);
  }
  return {
    openapi: '3.0.2',
    info: {
      title: 'HashiCorp Vault API',
      description: 'HTTP API that gives you full access to Vault. All API routes are prefixed with `/v1/`.',
      version,
      license: { name: 'Mozilla Public License 2.0', url: 'https://www.mozilla.org/en-US/MPL/2.0' },
    },
    paths,
    components: { schemas: {} },
  };
}

/** The `help` text of one path, laid out like Vault's pathHelpTemplate. */
export function pathHelpText(requestPath: string, spec: PathSpec): string {
  const lines = [
    `Request:        ${requestPath}`,
    `Matching Route: ^${spec.pattern}$`,
    '',
    spec.synopsis,
    '',
  ];
  const fields = Object.entries(spec.fields ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (fields.length > 0) {
    lines.push('## PARAMETERS', '');
    for (const [name, field] of fields) {
      lines.push(`${name} (${HELP_TYPE[field.type]})`, '');
      if (field.description) lines.push(`    ${field.description}`, '');
    }
  }
  lines.push('## DESCRIPTION', '', spec.description ?? spec.synopsis);
  return lines.join('\n');
}

/** The help of a mount's root: its paths and their synopses (framework.Backend.handleRootHelp). */
export function backendHelpText(backend: Backend): string {
  const lines = [
    '## PATHS',
    '',
    'The following paths are supported by this backend. To view help for',
    'any of the paths below, use the help command with any route matching',
    'the path pattern.',
    '',
  ];
  for (const spec of backend.paths) lines.push(`^${spec.pattern}$`, `    ${spec.synopsis}`, '');
  return lines.join('\n').trimEnd();
}

/** The help operation's answer; the server writes its data unwrapped, as Vault's handleHelp does. */
export function helpResponse(
  requestPath: string,
  mount: MountedPaths,
  spec: PathSpec | null,
  version: string,
): Response {
  const doc = openApiDocument(
    [{ prefix: mount.prefix, backend: { ...mount.backend, paths: spec ? [spec] : [] } }],
    version,
  );
  const help = spec ? pathHelpText(requestPath, spec) : backendHelpText(mount.backend);
  return { data: { help, openapi: doc } };
}
