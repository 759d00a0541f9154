/**
 * Results by key, each valid for one read version (see read-version.repository.ts): a lookup with another
 * version recomputes. Concurrent lookups of the same key and version share one computation. Holds at
 * most `maxEntries` keys, dropping the least recently used.
 *
 * Correct as long as the caller reads the version *before* it computes: the result then includes every
 * write up to that version, and a result that saw a later write is stored under a version that is no
 * longer current, so it is never served.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; value: Promise<T> }>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, version: string | null, compute: () => Promise<T>): Promise<T> {
    if (version === null) return compute();
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && hit.version === version) {
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    const entry = { version, value };
    this.entries.set(key, entry);
    // A failure is not cached.
    value.catch(() => this.entries.get(key) === entry && this.entries.delete(key));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
