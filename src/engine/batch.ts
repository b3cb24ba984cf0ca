// What crosses between the coordinator and an expander (in a worker thread or
// not): a batch of consecutive states of one level as canonical bytes, and
// their successors as flat typed arrays, so that both transfer without copying.

export interface Batch {
  /** Id of the batch's first state; the batch holds consecutive ids. */
  readonly firstId: number;
  readonly bytes: Uint8Array;
  /** count + 1 offsets into `bytes`. */
  readonly offsets: Uint32Array;
}

/** A property violation found while expanding: at a state, or at one of its transitions. */
export interface Finding {
  readonly property: string;
  /** Index of the state in its batch. */
  readonly state: number;
  /** Action index for a transition finding; -1 for a state finding. */
  readonly action: number;
  readonly detail: string;
}

export interface BatchResult {
  readonly count: number;
  /** Successors of state k are entries succStart[k] .. succStart[k+1]-1, in alphabet order. */
  readonly succStart: Uint32Array;
  readonly succAction: Uint16Array;
  readonly succHi: Uint32Array;
  readonly succLo: Uint32Array;
  /** End of each successor's bytes in succBytes (it starts where the previous ends); empty means a self-loop. */
  readonly succEnd: Uint32Array;
  /** Under symmetry reduction, the orbit size of each successor (0 for a self-loop); empty otherwise. */
  readonly succWeight: Uint32Array;
  readonly succBytes: Uint8Array;
  /** Per action index: [enabled, answered ok, answered an error]. */
  readonly coverage: Uint32Array;
  readonly findings: Finding[];
  /** What each property's local analysis measured, by property name. */
  readonly analyses: Record<string, Uint32Array>;
}

/** The buffers under a result's arrays, each once (arrays may share one). */
export function transferListOf(result: BatchResult): ArrayBuffer[] {
  const arrays = [result.succStart, result.succAction, result.succHi, result.succLo, result.succEnd, result.succWeight, result.succBytes, result.coverage];
  return [...new Set([...arrays, ...Object.values(result.analyses)].map((array) => array.buffer as ArrayBuffer))];
}
