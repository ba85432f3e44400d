/** The value of each series in a Prometheus text exposition, keyed by `name{labels}` as written. */
export function parseExposition(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    if (space <= 0) continue;
    const value = Number(line.slice(space + 1));
    if (!Number.isNaN(value)) values.set(line.slice(0, space), value);
  }
  return values;
}

/** A labelled series' value whatever gauge-name prefix (host name) it has. */
export function findSeries(values: ReadonlyMap<string, number>, suffix: string): number | undefined {
  for (const [key, value] of values) if (key === suffix || key.endsWith(`_${suffix}`)) return value;
  return undefined;
}
