/** Small integer ids for text values, for keys that must be cheap to hash per event (batch-rollups.ts). */

/**
 * Small ids for a text column's values (0 = NULL), so a rollup row's key is one number rather than a string built
 * and hashed per event (that cost more than the rest of the sums). Kept for a whole load: few distinct values.
 */
export class Ids {
  private readonly ids = new Map<string, number>();
  /** The last value looked up and its id: consecutive events mostly repeat a vendor, model or team. */
  private last: string | null = null;
  private lastId = 0;
  of(v: string | null): number {
    if (v === null) return 0;
    if (v === this.last) return this.lastId;
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(v, id);
    }
    this.last = v;
    this.lastId = id;
    return id;
  }
}

/** One load's ids per key column (the trace ids are per batch: BatchRollups keeps them). */
export class LoadIds {
  readonly vendor = new Ids();
  readonly model = new Ids();
  readonly team = new Ids();
  readonly workflow = new Ids();
}
