import { type CommandSpec, checkArgs } from '../../command.js';
import { withDetailedFlag } from '../../common-flags.js';
import { flagBool } from '../../flags.js';
import { tableOutput } from '../../output/columnize.js';
import { sortGoStrings } from '../../output/go-strings.js';
import { goStruct } from '../../output/go-value.js';
import { outputData } from '../output-data.js';
import { requestFailed } from '../request-error.js';

/** api.Audit as mapstructure decodes it from sys/audit. */
interface Audit {
  readonly type: string;
  readonly description: string;
  readonly options: Readonly<Record<string, string>> | null;
  readonly local: boolean;
  readonly path: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function asAudit(raw: unknown): Audit {
  const o =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const opts = o.options;
  let options: Record<string, string> | null = null;
  if (opts !== null && typeof opts === 'object' && !Array.isArray(opts)) {
    options = {};
    for (const [k, v] of Object.entries(opts)) options[k] = typeof v === 'string' ? v : String(v);
  }
  return {
    type: str(o.type),
    description: str(o.description),
    options,
    local: o.local === true,
    path: str(o.path),
  };
}

/** The audits as Go's encoder writes map[string]*api.Audit: keys sorted, struct fields in order. */
const auditsDocument = (audits: ReadonlyMap<string, Audit>): Record<string, unknown> =>
  Object.fromEntries(
    [...audits].map(([path, a]) => [
      path,
      goStruct([
        ['type', a.type],
        ['description', a.description],
        ['options', a.options],
        ['local', a.local],
        ['path', a.path],
      ]),
    ]),
  );

function auditTable(audits: ReadonlyMap<string, Audit>, detailed: boolean): string {
  const paths = sortGoStrings([...audits.keys()]);
  if (!detailed) {
    return tableOutput([
      'Path | Type | Description',
      ...paths.map((p) => {
        const a = audits.get(p) as Audit;
        return `${a.path} | ${a.type} | ${a.description}`;
      }),
    ]);
  }
  return tableOutput([
    'Path | Type | Description | Replication | Options',
    ...paths.map((p) => {
      const a = audits.get(p) as Audit;
      // Go ranges over the options map in random order; hvr sorts it.
      const opts = sortGoStrings(Object.keys(a.options ?? {})).map((k) => `${k}=${a.options?.[k] ?? ''}`);
      return `${p} | ${a.type} | ${a.description} | ${a.local ? 'local' : 'replicated'} | ${opts.join(' ')}`;
    }),
  ]);
}

/** `vault audit list` (command/audit_list.go): GET sys/audit. */
export const auditListCommand: CommandSpec = {
  name: 'audit list',
  summary: 'Lists enabled audit devices',
  usage: 'hvr audit list [options]',
  help: [
    'Lists the enabled audit devices in the server. The output lists the',
    'enabled audit devices and the options for those devices.',
    '',
    'List detailed output about the audit devices:',
    '',
    '    $ hvr audit list -detailed',
  ].join('\n'),
  flags: withDetailedFlag(
    'Print detailed information such as options and replication status about each audit device.',
  ),
  async run(ctx) {
    const bad = checkArgs(ctx, 0, 0);
    if (bad !== undefined) return bad;
    const audits = new Map<string, Audit>();
    try {
      const secret = await (await ctx.logical()).read('sys/audit', undefined, { headers: ctx.callHeaders() });
      // Vault answers `data: {}` when there are none; an empty answer means the same.
      for (const [path, raw] of Object.entries(secret?.data ?? {})) audits.set(path, asAudit(raw));
    } catch (error) {
      return requestFailed(ctx, 'Error listing audits', error);
    }
    if (ctx.out.format !== 'table') return outputData(ctx, auditsDocument(audits));
    if (audits.size === 0) {
      ctx.out.info('No audit devices are enabled.');
      return 2;
    }
    ctx.out.info(auditTable(audits, flagBool(ctx.flags, 'detailed')));
    return 0;
  },
};
