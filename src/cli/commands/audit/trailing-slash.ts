/** Vault's ensureTrailingSlash: trimmed, with one `/` added when it does not end in one. */
export const ensureTrailingSlash = (s: string): string => {
  const trimmed = s.trim();
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
};
