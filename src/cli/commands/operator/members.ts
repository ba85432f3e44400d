import type { CommandSpec } from '../../command.js';
import { HTTP_FLAGS, OUTPUT_FLAGS } from '../../common-flags.js';
import { tableOutput } from '../../output/columnize.js';
import { goStruct } from '../../output/go-value.js';
import { outputData } from '../output-data.js';
import { apiFailure } from './api-failure.js';
import { sysCall } from './sys-api.js';

/** api.HANode's fields in their order; upgrade_version and redundancy_zone are omitempty. */
function haNode(raw: unknown): HaNode {
  const n = (raw ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof n[k] === 'string' ? (n[k] as string) : '');
  const int = (k: string) => (typeof n[k] === 'number' ? (n[k] as number) : 0);
  return {
    hostname: str('hostname'),
    api_address: str('api_address'),
    cluster_address: str('cluster_address'),
    active_node: n.active_node === true,
    last_echo: typeof n.last_echo === 'string' ? n.last_echo : null,
    echo_duration_ms: int('echo_duration_ms'),
    clock_skew_ms: int('clock_skew_ms'),
    version: str('version'),
    ...(str('upgrade_version') ? { upgrade_version: str('upgrade_version') } : {}),
    ...(str('redundancy_zone') ? { redundancy_zone: str('redundancy_zone') } : {}),
    replication_primary_canary_age_ms: int('replication_primary_canary_age_ms'),
  };
}

type HaNode = Record<string, string | number | boolean | null>;

/** Go's time.RFC3339 of a last_echo (seconds, no fraction). */
const rfc3339 = (text: string): string => {
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? text : d.toISOString().replace(/\.\d+Z$/, 'Z');
};

/** `vault operator members` (command/operator_members.go): Sys().HAStatus(), GET sys/ha-status. */
export const operatorMembersCommand: CommandSpec = {
  name: 'operator members',
  summary: 'Returns the list of nodes in the cluster',
  usage: 'hvr operator members',
  help: ['Provides the details of all the nodes in the cluster.', '', '    $ hvr operator members'].join(
    '\n',
  ),
  flags: [...HTTP_FLAGS, ...OUTPUT_FLAGS],
  async run(ctx) {
    let nodes: HaNode[];
    try {
      const body = await sysCall(
        await ctx.client(),
        { method: 'GET', path: 'sys/ha-status' },
        'api.HAStatusResponse',
      );
      nodes = Array.isArray(body.nodes) ? body.nodes.map(haNode) : [];
    } catch (error) {
      return apiFailure(ctx, undefined, error);
    }
    // HAStatusResponse.Nodes has no json tag: the document formats name it "Nodes".
    if (ctx.out.format !== 'table') {
      return outputData(ctx, goStruct([['Nodes', nodes.map((n) => goStruct(Object.entries(n)))]]));
    }
    const rows = [
      'Host Name | API Address | Cluster Address | Active Node | Version | Upgrade Version | Redundancy Zone | Last Echo',
    ];
    for (const n of nodes) {
      const echo = typeof n.last_echo === 'string' ? rfc3339(n.last_echo) : '';
      rows.push(
        [
          n.hostname,
          n.api_address,
          n.cluster_address,
          String(n.active_node),
          n.version,
          n.upgrade_version ?? '',
          n.redundancy_zone ?? '',
          echo,
        ].join(' | '),
      );
    }
    ctx.out.info(tableOutput(rows));
    return 0;
  },
};
