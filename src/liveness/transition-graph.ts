// The explored transition graph, kept for properties that need all of it
// (liveness): per state its successor list (target ids and action labels,
// self-loops from errors and `silent` included) and one word of facts its
// property's local analysis recorded. Chunked typed arrays: 6 bytes per
// transition and 8 per state, never copied while growing; under symmetry
// reduction (a quotient graph of orbit representatives) one more byte per
// transition names the group element it takes. The engine observer that
// fills it is graph-recorder.ts. Once the run is over, the analysis reads it
// flattened (FlatGraph).
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
    return new FlatGraph(this.starts.takeAll(), this.targets.takeAll(), this.actions.takeAll(), this.stateFacts.takeAll(), this.elements?.takeAll() ?? null);
  }
}

/**
 * A complete graph in one typed array per column: the analyses read each
 * edge several times, and a flat array is read without the chunks' index
 * arithmetic, each column by a site that sees one array type.
 */
export class FlatGraph implements RecordedGraph {
  constructor(
    private readonly starts: Uint32Array,
    private readonly targets: Uint32Array,
    private readonly actions: Uint16Array,
    private readonly stateFacts: Uint32Array,
    private readonly elements: Uint8Array | null,
  ) {}

  get stateCount(): number {
    return this.stateFacts.length;
  }

  get edgeCount(): number {
    return this.targets.length;
  }

  edgeStart(s: number): number {
    return this.starts[s]!;
  }

  target(e: number): number {
    const t = this.targets[e]!;
    return t === NO_TARGET ? -1 : t;
  }

  action(e: number): number {
    return this.actions[e]!;
  }

  facts(s: number): number {
    return this.stateFacts[s]!;
  }

  element(e: number): number {
    return this.elements === null ? 0 : this.elements[e]!;
  }
}
