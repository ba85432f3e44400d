import type { Fields } from '../backends/fields.js';
import type { PathSpec } from '../backends/path-spec.js';

/** The warning Vault adds when a request carries fields the path does not declare. */
export function unknownFieldWarning(spec: PathSpec, fields: Fields): string | undefined {
  if (spec.openFields || !spec.fields) return undefined;
  // sdk/framework/backend.go HandleRequest sorts the ignored keys before `%v` prints them.
  const unknown = fields
    .unknownKeys()
    .filter((k) => !spec.pattern.includes(`:${k}`) && !spec.pattern.includes(`*${k}`))
    .sort();
  if (unknown.length === 0) return undefined;
  return `Endpoint ignored these unrecognized parameters: [${unknown.join(' ')}]`;
}
