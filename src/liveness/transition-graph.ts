// The explored transition graph, kept for properties that need all of it
// (liveness): per state its successor list (target ids and action labels,
// self-loops from errors and `silent` included) and one word of facts its
// property's local analysis recorded. Chunked typed arrays: 6 bytes per
// transition and 8 per state, never copied while growing; under symmetry
// reduction (a quotient graph of orbit representatives) one more byte per
// transition names the group element it takes. The engine observer that
// fills it is graph-recorder.ts. Once the run is over, the analysis reads it
// flattened (FlatGraph: 8 bytes per transition, 8 per state).
import { ChunkedUint16, ChunkedUint32, ChunkedUint8 } from '../hash/chunked.js';
import { CheckpointCorrupt, type Checkpointable, type SnapshotReader, type SnapshotWriter } from '../hash/snapshot.js';

/** What the graph algorithms read: states 0..stateCount-1, edges numbered per state in a contiguous range. */
export interface LabeledGraph {
  readonly stateCount: number;
  /** Edges of state `s` are edgeStart(s) .. edgeStart(s + 1) - 1. */
  edgeStart(s: number): number;
  /** The target state of edge `e`, or -1 for a state a limit kept out of the run. */
  target(e: number): number;
  /** The alphabet index of the action of edge `e`. */
  action(e: number): number;
  facts(s: number): number;
}

/** A whole recorded graph, as the liveness analyses read it: its transitions counted, and their group elements on a quotient. */
export interface RecordedGraph extends LabeledGraph {
  readonly edgeCount: number;
  /** The group element of edge `e` (the identity, 0, on a graph without labels). */
  element(e: number): number;
}

const NO_TARGET = 0xffffffff;

export class TransitionGraph implements RecordedGraph, Checkpointable {
  private readonly starts = new ChunkedUint32();
  private readonly targets = new ChunkedUint32();
  private readonly actions = new ChunkedUint16();
  private readonly stateFacts = new ChunkedUint32();
  /** Under symmetry reduction: per transition, the index of the group element that maps the concrete successor to its target. */
  private readonly elements: ChunkedUint8 | null;

  constructor(labelled = false) {
    this.starts.push(0);
    this.elements = labelled ? new ChunkedUint8() : null;
  }

  /** Whether transitions carry group elements (a quotient graph). */
  get labelled(): boolean {
    return this.elements !== null;
  }

  get stateCount(): number {
    return this.stateFacts.size;
  }

  get edgeCount(): number {
    return this.targets.size;
  }

  /** Bytes held, slack of the last chunks included. */
  get bytes(): number {
    return this.starts.bytes + this.targets.bytes + this.actions.bytes + this.stateFacts.bytes + (this.elements?.bytes ?? 0);
  }

  /** Adds state `stateCount` with its facts; its edges follow with `addEdge`. */
  addState(facts: number): void {
    if (this.starts.size !== this.stateFacts.size + 1) throw new Error('the previous state is not closed');
    this.stateFacts.push(facts);
  }

  /** `element`: for a quotient graph, the group element the transition takes. */
  addEdge(action: number, target: number, element = 0): void {
    this.targets.push(target < 0 ? NO_TARGET : target);
    this.actions.push(action);
    this.elements?.push(element);
  }

  /** Ends the edges of the last state added. */
  closeState(): void {
    this.starts.push(this.targets.size);
  }

  saveTo(out: SnapshotWriter, name: string): void {
    this.starts.saveTo(out, `${name}.starts`);
    this.targets.saveTo(out, `${name}.targets`);
    this.actions.saveTo(out, `${name}.actions`);
    this.stateFacts.saveTo(out, `${name}.facts`);
    this.elements?.saveTo(out, `${name}.elements`);
  }

  loadFrom(from: SnapshotReader, name: string): void {
    this.starts.loadFrom(from, `${name}.starts`);
    this.targets.loadFrom(from, `${name}.targets`);
    this.actions.loadFrom(from, `${name}.actions`);
    this.stateFacts.loadFrom(from, `${name}.facts`);
    this.elements?.loadFrom(from, `${name}.elements`);
    const consistent =
      this.starts.size === this.stateFacts.size + 1 &&
      this.actions.size === this.targets.size &&
      (this.elements === null || this.elements.size === this.targets.size) &&
      this.starts.get(this.stateCount) === this.edgeCount;
    if (!consistent) throw new CheckpointCorrupt(`${name}: the transition graph's columns disagree`);
  }

  edgeStart(s: number): number {
    return this.starts.get(s);
  }

  target(e: number): number {
    const t = this.targets.get(e);
    return t === NO_TARGET ? -1 : t;
  }

  action(e: number): number {
    return this.actions.get(e);
  }

  facts(s: number): number {
    return this.stateFacts.get(s);
  }

  /** The group element of edge `e` (the identity, 0, on a graph without labels). */
  element(e: number): number {
    return this.elements?.get(e) ?? 0;
  }

  /**
   * The graph in flat arrays, for its analysis once the run is over; this
   * graph is left empty (its chunks are let go as they are copied).
   */
  flatten(): FlatGraph {
    const states = this.stateCount;
    const edges = this.edgeCount;
    const stateWords = new Uint32Array(2 * (states + 1));
    interleave(this.starts, stateWords, 0, 0);
    interleave(this.stateFacts, stateWords, 1, 0);
    const edgeWords = new Uint32Array(2 * edges);
    interleave(this.targets, edgeWords, 0, 0);
    interleave(this.actions, edgeWords, 1, 0);
    if (this.elements) interleave(this.elements, edgeWords, 1, ELEMENT_SHIFT);
    return new FlatGraph(stateWords, edgeWords);
  }
}

/** Drains `column` into word `word` of each two-word record of `records`, shifted left by `shift` (the records start zeroed). */
function interleave(column: ChunkedUint32 | ChunkedUint16 | ChunkedUint8, records: Uint32Array, word: number, shift: number): void {
  column.drain((values, first) => {
    for (let i = 0; i < values.length; i++) records[2 * (first + i) + word]! |= values[i]! << shift;
  });
}

/** In a flat graph's second word of an edge: the action in the low 16 bits, the group element above. */
const ELEMENT_SHIFT = 16;
const ACTION_MASK = (1 << ELEMENT_SHIFT) - 1;

/**
 * A complete graph in two arrays of two words per entry: per state its first
 * edge and its facts, per edge its target and its action and group element.
 * The analyses read each edge several times, at random: a state's or an
 * edge's words share a cache line, and a flat array is read without the
 * chunks' index arithmetic.
 */
export class FlatGraph implements RecordedGraph {
  readonly stateCount: number;
  readonly edgeCount: number;

  /**
   * `states`: per state, its first edge and its facts, then the edge count
   * and a word unused; `edges`: per edge, its target and (its group element
   * << 16) | its action.
   */
  constructor(
    private readonly states: Uint32Array,
    private readonly edges: Uint32Array,
  ) {
    this.stateCount = states.length / 2 - 1;
    this.edgeCount = edges.length / 2;
  }

  edgeStart(s: number): number {
    return this.states[2 * s]!;
  }

  target(e: number): number {
    const t = this.edges[2 * e]!;
    return t === NO_TARGET ? -1 : t;
  }

  action(e: number): number {
    return this.edges[2 * e + 1]! & ACTION_MASK;
  }

  facts(s: number): number {
    return this.states[2 * s + 1]!;
  }

  element(e: number): number {
    return this.edges[2 * e + 1]! >>> ELEMENT_SHIFT;
  }
}
