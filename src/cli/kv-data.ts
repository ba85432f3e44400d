import { readFile } from 'node:fs/promises';

/**
 * Vault's K=V data arguments (go-secure-stdlib kv-builder): split on the first `=`;
 * `@file` and `-` (stdin) bare arguments merge a JSON object; `k=@file` reads a file,
 * `k=\@x` is a literal `@x`, `k=-` reads stdin; repeated keys become lists. Stdin may be
 * consumed once.
 */
export class DataArgError extends Error {
  override readonly name = 'DataArgError';
}

export interface StdinSource {
  /** Everything on standard input, or undefined when there is no stdin to read. */
  readAll(): Promise<string | undefined>;
}

export function stdinSource(stream: NodeJS.ReadableStream | undefined, nonInteractive = false): StdinSource {
  let consumed = false;
  return {
    async readAll() {
      if (consumed) throw new DataArgError('stdin already consumed');
      consumed = true;
      if (!stream || nonInteractive) return undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of stream)
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

export async function parseDataArgs(
  args: readonly string[],
  stdin: StdinSource,
): Promise<Record<string, unknown> | null> {
  if (args.length === 0) return null;
  const result: Record<string, unknown> = {};
  for (const raw of args) {
    if (raw === '') continue;
    try {
      await addArg(result, raw, stdin);
    } catch (error) {
      if (error instanceof DataArgError)
        throw new DataArgError(`invalid key/value pair ${JSON.stringify(raw)}: ${error.message}`);
      throw error;
    }
  }
  return result;
}

async function addArg(result: Record<string, unknown>, raw: string, stdin: StdinSource): Promise<void> {
  const eq = raw.indexOf('=');
  if (eq === -1) {
    let text: string | undefined;
    if (raw === '-') {
      text = await stdin.readAll();
      if (text === undefined) throw new DataArgError('stdin is not supported');
    } else if (raw.startsWith('@')) {
      text = await readFileText(raw.slice(1));
    } else {
      throw new DataArgError('format must be key=value');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new DataArgError(`error parsing JSON: ${(error as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new DataArgError('the JSON must be an object');
    }
    for (const [key, value] of Object.entries(parsed)) add(result, key, value);
    return;
  }
  const key = raw.slice(0, eq);
  let value = raw.slice(eq + 1);
  if (value === '-') {
    const text = await stdin.readAll();
    if (text === undefined) throw new DataArgError('stdin is not supported');
    value = text;
  } else if (value.startsWith('@')) {
    value = await readFileText(value.slice(1));
  } else if (value.startsWith('\\@')) {
    value = value.slice(1);
  }
  add(result, key, value);
}

function add(result: Record<string, unknown>, key: string, value: unknown): void {
  if (!(key in result)) {
    result[key] = value;
    return;
  }
  const existing = result[key];
  result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}

async function readFileText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new DataArgError(`error reading file: open ${path}: ${describeErrno(e)}`);
  }
}

const describeErrno = (e: NodeJS.ErrnoException): string => {
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return e.message;
  }
};

/** Query-parameter form for `read PATH k=v`: every value a string list. */
export function toQuery(data: Record<string, unknown> | null): Record<string, string[]> | undefined {
  if (!data) return undefined;
  const query: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(data)) {
    query[k] = (Array.isArray(v) ? v : [v]).map((item) =>
      typeof item === 'string' ? item : JSON.stringify(item),
    );
  }
  return query;
}
