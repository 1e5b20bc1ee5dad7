/**
 * A per-tenant copy of what the tab's views are computed from, kept in this process and read again from storage only
 * when the tenant's change marker moved (src/storage/changeMarker.ts) or the copy is older than a maximum age. Every
 * request reads the marker first, so a change written by any instance, this one or another, is in the next answer.
 * The copy is the tenant's data, never a person's view of it: who sees what is decided per request, over the copy.
 */

/** What {@link TenantSnapshots} is given. */
export interface TenantSnapshotsOptions<T> {
  /** The tenant's change marker now; every write between two calls changes it. */
  readonly marker: (tenantId: string) => Promise<string>;
  /** Reads the tenant's data. Called only after a marker was read, so a copy is never older than its marker. */
  readonly read: (tenantId: string) => Promise<T>;
  /**
   * How long a copy is used without a moved marker, in milliseconds: the safety net for a write that moved no
   * marker (a version of the app from before markers, a tool writing rows directly). Default: 300,000 (5 minutes).
   */
  readonly maxAgeMs?: number;
  /** Most tenants kept; the least recently used goes first. Default: 20. */
  readonly maxTenants?: number;
  /** A clock in milliseconds, for the age. Default: `performance.now`. */
  readonly now?: () => number;
  /** Told after each rebuild, with how long it took. Default: nothing. */
  readonly onRebuild?: (tenantId: string, ms: number) => void;
}

interface Snapshot<T> {
  readonly value: T;
  readonly marker: string;
  /** The tick at which the request that built it started reading the marker. */
  readonly basis: number;
  readonly builtAt: number;
}

interface Entry<T> {
  snapshot: Snapshot<T> | null;
  /** The rebuild under way, at most one per tenant: every request that needs one meanwhile waits for it. */
  rebuilding: Promise<void> | null;
}

/** The tenants' copies; one instance per server process. */
export class TenantSnapshots<T> {
  private readonly entries = new Map<string, Entry<T>>();
  /** Orders the requests' marker reads: a copy whose marker was read after a request began will do for it. */
  private ticks = 0;
  private readonly maxAgeMs: number;
  private readonly maxTenants: number;
  private readonly now: () => number;

  constructor(private readonly options: TenantSnapshotsOptions<T>) {
    this.maxAgeMs = options.maxAgeMs ?? 300_000;
    this.maxTenants = options.maxTenants ?? 20;
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * The tenant's data as of this request or later: the copy when the marker has not moved since it was built, else
   * a new copy, built once for all the requests that wait for it.
   * @throws what `marker` or `read` throws (a request that waited for a failed rebuild gets its error).
   */
  async getSnapshot(tenantId: string): Promise<T> {
    const asked = ++this.ticks;
    const marker = await this.options.marker(tenantId);
    for (;;) {
      const entry = this.entryOf(tenantId);
      const current = entry.snapshot;
      // Built from a marker read after this request began, or from the marker this request read: either way it
      // holds every write finished before this request.
      if (current && (current.marker === marker || current.basis >= asked) && this.fresh(current)) {
        this.touch(tenantId, entry);
        return current.value;
      }
      if (entry.rebuilding) {
        await entry.rebuilding;
        continue;
      }
      entry.rebuilding = this.rebuild(tenantId, entry, marker, asked).finally(() => {
        entry.rebuilding = null;
      });
    }
  }

  /** Forgets every copy (a rebuild under way still finishes). */
  clear(): void {
    this.entries.clear();
  }

  private async rebuild(tenantId: string, entry: Entry<T>, marker: string, basis: number): Promise<void> {
    const started = this.now();
    const value = await this.options.read(tenantId);
    entry.snapshot = { value, marker, basis, builtAt: started };
    this.touch(tenantId, entry);
    while (this.entries.size > this.maxTenants) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.options.onRebuild?.(tenantId, this.now() - started);
  }

  /** Marks the tenant as the latest used: Map order is insertion order, so re-inserting moves it last. */
  private touch(tenantId: string, entry: Entry<T>): void {
    this.entries.delete(tenantId);
    this.entries.set(tenantId, entry);
  }

  private fresh(snapshot: Snapshot<T>): boolean {
    return this.now() - snapshot.builtAt <= this.maxAgeMs;
  }

  private entryOf(tenantId: string): Entry<T> {
    let entry = this.entries.get(tenantId);
    if (!entry) {
      entry = { snapshot: null, rebuilding: null };
      this.entries.set(tenantId, entry);
    }
    return entry;
  }
}
