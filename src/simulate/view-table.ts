// Step consistency along random walks: per OS, a bounded table of view
// classes of the states the walks reach, each class with the first state that
// reached it (walk, step) and what the OS observed of every action there. A
// later state of a known class that observes otherwise makes a legitimate
// pair of states to compare: both were reached. Walks are offered in walk
// order, so the first conflict does not depend on which thread ran what.
import { ChunkedUint32 } from '../hash/chunked.js';
import { FingerprintIndex } from '../hash/fingerprint-index.js';
import { STEP_CONSISTENCY_WORDS, WORD, switchIndices } from '../props/isolation.js';
import type { Context } from '../state/context.js';

/** A state of a walk: the walk's number and the state's index on it (0: the initial state). */
export interface WalkPlace {
  readonly walk: number;
  readonly step: number;
}

/** Two reached states OS `os` cannot tell apart that `action` (or, when -1, some action of the active OS) separates. */
export interface PairFinding {
  readonly os: number;
  readonly first: WalkPlace;
  readonly second: WalkPlace;
  readonly action: number;
}

const NONE = 0xffffffff;

class Classes {
  readonly index = new FingerprintIndex();
  readonly walk = new ChunkedUint32();
  readonly step = new ChunkedUint32();
  readonly observedHi = new ChunkedUint32();
  readonly observedLo = new ChunkedUint32();
  /** The first state of the class where switch(i) is enabled (NONE if none yet), and the view it leads to. */
  readonly switchWalk = new ChunkedUint32();
  readonly switchStep = new ChunkedUint32();
  readonly switchHi = new ChunkedUint32();
  readonly switchLo = new ChunkedUint32();
}

export class ViewClassTable {
  private readonly classes: Classes[];
  private readonly switches: number[];

  /** At most `capacity` classes per OS are kept; states of other classes are then not compared. */
  constructor(
    private readonly ctx: Context,
    readonly capacity: number,
  ) {
    this.classes = Array.from({ length: ctx.n }, () => new Classes());
    this.switches = switchIndices(ctx);
  }

  /** Classes kept, over every OS. */
  get size(): number {
    return this.classes.reduce((sum, c) => sum + c.index.size, 0);
  }

  /** Whether some OS's table is full (states of new classes are then not kept). */
  get full(): boolean {
    return this.classes.some((c) => c.index.size >= this.capacity);
  }

  /** Offers the states of walk `walk` (the analysis's words, state after state); returns the first conflict. */
  offer(walk: number, data: Uint32Array): PairFinding | null {
    const { n } = this.ctx;
    const states = data.length / (n * STEP_CONSISTENCY_WORDS);
    for (let step = 0; step < states; step++) {
      for (let i = 0; i < n; i++) {
        const at = (step * n + i) * STEP_CONSISTENCY_WORDS;
        const c = this.classes[i]!;
        const viewHi = data[at + WORD.viewHi]!;
        const viewLo = data[at + WORD.viewLo]!;
        const switchEnabled = data[at + WORD.switchEnabled] === 1;
        let id: number;
        if (c.index.size < this.capacity) {
          const added = c.index.add(viewHi, viewLo);
          id = added >= 0 ? -1 : -added - 1;
        } else {
          // A full table: a state of a class it does not know is not compared.
          id = c.index.find(viewHi, viewLo);
          if (id < 0) continue;
        }
        if (id < 0) {
          c.walk.push(walk);
          c.step.push(step);
          c.observedHi.push(data[at + WORD.observedHi]!);
          c.observedLo.push(data[at + WORD.observedLo]!);
          c.switchWalk.push(switchEnabled ? walk : NONE);
          c.switchStep.push(step);
          c.switchHi.push(data[at + WORD.switchHi]!);
          c.switchLo.push(data[at + WORD.switchLo]!);
          continue;
        }
        const here = { walk, step };
        if (c.observedHi.get(id) !== data[at + WORD.observedHi] || c.observedLo.get(id) !== data[at + WORD.observedLo]) {
          return { os: i, first: { walk: c.walk.get(id), step: c.step.get(id) }, second: here, action: -1 };
        }
        if (!switchEnabled) continue;
        if (c.switchWalk.get(id) === NONE) {
          c.switchWalk.set(id, walk);
          c.switchStep.set(id, step);
          c.switchHi.set(id, data[at + WORD.switchHi]!);
          c.switchLo.set(id, data[at + WORD.switchLo]!);
        } else if (c.switchHi.get(id) !== data[at + WORD.switchHi] || c.switchLo.get(id) !== data[at + WORD.switchLo]) {
          return { os: i, first: { walk: c.switchWalk.get(id), step: c.switchStep.get(id) }, second: here, action: this.switches[i]! };
        }
      }
    }
    return null;
  }
}
