/**
 * Parsed storage entries kept next to the exact ciphertext they came from (token entries:
 * every request reads its token's). A hit needs the stored bytes to be identical and the
 * barrier's keyring unchanged since the parse, so nothing has to invalidate it: every write
 * (local, replicated onto a DR secondary, a secondary's wipe, a token-salt migration) stores a
 * fresh nonce, and changed bytes mean a changed entry. What it saves is the AES-GCM open and
 * the JSON parse, not the storage read.
 */
export class ParsedEntryMemo<T> {
  private readonly entries = new Map<string, { sealed: Buffer; epoch: number; value: T }>();

  constructor(private readonly limit: number) {}

  /** The value parsed from `sealed` under keyring `epoch`, when that is what is held for `key`. */
  hit(key: string, sealed: Uint8Array, epoch: number): T | undefined {
    const held = this.entries.get(key);
    if (held === undefined || held.epoch !== epoch || !held.sealed.equals(sealed)) return undefined;
    return held.value;
  }

  remember(key: string, sealed: Uint8Array, epoch: number, value: T): void {
    this.entries.delete(key);
    if (this.entries.size >= this.limit) {
      // Insertion order: the oldest remembered goes first.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { sealed: Buffer.from(sealed), epoch, value });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
