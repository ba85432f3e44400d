/** The YAML event tree yaml.v2's encoder produces for JSON-shaped data. */
export type ScalarStyle = 'plain' | 'double' | 'literal';

export type YamlNode =
  | { readonly kind: 'scalar'; readonly value: string; readonly style: ScalarStyle }
  | { readonly kind: 'seq'; readonly items: readonly YamlNode[] }
  | { readonly kind: 'map'; readonly pairs: readonly (readonly [YamlNode, YamlNode])[] };
