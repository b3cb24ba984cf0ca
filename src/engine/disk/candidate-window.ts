// The candidates of a spilled level met since the last merge pass, each once,
// numbered in the order they were first met: an open-addressing table over
// columns of their fingerprint halves, parent and orbit size. It is what a
// spilled run keeps in memory per new successor until the merge decides it.
import { Growable } from '../growable.js';

const EMPTY = 0;
const MAX_LOAD = 0.75;
const INITIAL = 1 << 10;

function slotOf(hi: number, lo: number, mask: number): number {
  return (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
}

export class CandidateWindow {
  readonly hi = new Growable(Uint32Array, INITIAL);
  readonly lo = new Growable(Uint32Array, INITIAL);
  readonly parent = new Growable(Uint32Array, INITIAL);
  readonly weight = new Growable(Uint32Array, INITIAL);
  /** Slots hold index + 1; 0 is empty. */
  private table = new Uint32Array(INITIAL * 2);
  private mask = this.table.length - 1;

  get size(): number {
    return this.hi.length;
  }

  /** Bytes held (its columns and table keep their capacity from window to window). */
  get bytes(): number {
    return this.table.byteLength + 4 * this.hi.array.byteLength;
  }

  /** Bytes its candidates need: four columns and their share of the table at its fullest. */
  get neededBytes(): number {
    return this.size * (16 + 4 / MAX_LOAD);
  }

  /** The new index of the fingerprint if it was not met yet; -1 otherwise. */
  add(hi: number, lo: number, parent: number): number {
    let slot = slotOf(hi, lo, this.mask);
    for (; ; slot = (slot + 1) & this.mask) {
      const entry = this.table[slot]!;
      if (entry === EMPTY) break;
      if (this.lo.array[entry - 1] === lo && this.hi.array[entry - 1] === hi) return -1;
    }
    const index = this.hi.length;
    this.hi.push(hi >>> 0);
    this.lo.push(lo >>> 0);
    this.parent.push(parent);
    this.weight.push(0);
    this.table[slot] = index + 1;
    if (this.size > this.table.length * MAX_LOAD) this.grow();
    return index;
  }

  clear(): void {
    for (const column of [this.hi, this.lo, this.parent, this.weight]) column.clear();
    this.table.fill(EMPTY);
  }

  private grow(): void {
    const table = new Uint32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let index = 0; index < this.size; index++) {
      let slot = slotOf(this.hi.array[index]!, this.lo.array[index]!, mask);
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = index + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
