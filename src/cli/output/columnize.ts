import { byteLength, goTrimSpace, runeCount } from './go-strings.js';

/**
 * ryanuber/columnize (v2.1.2) as Vault configures it in `columnOutput`/`TableOutput`
 * (command/base/base_helpers.go): cells split on a delimiter and TrimSpace'd, empty cells
 * shown as `n/a`, every column but the last padded to its widest cell (counted in runes) and
 * followed by 4 spaces, no trailing newline.
 */
export const VAULT_GLUE = '    ';
export const VAULT_EMPTY = 'n/a';

export interface ColumnizeConfig {
  readonly delim: string;
  readonly glue: string;
  readonly empty: string;
}

const cells = (line: string, config: ColumnizeConfig): string[] =>
  line.split(config.delim).map((field) => {
    const value = goTrimSpace(field);
    return value === '' && config.empty !== '' ? config.empty : value;
  });

export function columnize(lines: readonly string[], config: ColumnizeConfig): string {
  const rows = lines.map((line) => cells(line, config));
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, runeCount(cell));
    });
  }
  const rendered = rows.map((row) =>
    row
      .map((cell, i) =>
        i === row.length - 1
          ? cell
          : `${cell}${' '.repeat((widths[i] ?? 0) - runeCount(cell))}${config.glue}`,
      )
      .join(''),
  );
  return rendered.join('\n');
}

/** Vault's `columnOutput`: a table without headers. */
export const columnOutput = (lines: readonly string[], delim = '|'): string =>
  lines.length === 0 ? '' : columnize(lines, { delim, glue: VAULT_GLUE, empty: VAULT_EMPTY });

/** Vault's `TableOutput`: the first line is the header, underlined with `-` per header byte. */
export function tableOutput(lines: readonly string[], delim = '|'): string {
  const [header, ...rest] = lines;
  if (header === undefined) return '';
  const underline = header
    .split(delim)
    .map((h) => '-'.repeat(byteLength(goTrimSpace(h))))
    .join(delim);
  return columnOutput([header, underline, ...rest], delim);
}
