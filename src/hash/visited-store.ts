// What a run's visited states offer once exploration is over, wherever they
// are kept (in memory, src/hash/state-store.ts, or spilled to disk,
// src/engine/disk/spilled-store.ts): their count, and each state's parent and
// fingerprint by id, for rebuilding shortest traces.
export interface VisitedStore {
  readonly size: number;
  /** Bytes held in memory. */
  readonly bytes: number;
  parentOf(id: number): number;
  fingerprintOf(id: number): { hi: number; lo: number };
  /** Ids from the initial state to `id`. */
  pathTo(id: number): number[];
}
