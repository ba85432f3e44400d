/** Vault's exit codes: 0 success, 1 local/usage error, 2 remote error (or "sealed" for status). */
export type ExitCode = 0 | 1 | 2;
