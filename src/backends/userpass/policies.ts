/**
 * Vault's policyutil.ParsePolicies (SanitizePolicies without "default"): lower-cased,
 * trimmed, no empties, de-duplicated and sorted; "root" swallows every other policy.
 */
export function parsePolicies(input: readonly string[]): string[] {
  const cleaned = input.map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
  if (cleaned.includes('root')) return ['root'];
  return [...new Set(cleaned)].sort();
}
