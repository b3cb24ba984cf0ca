// What a closed walk from a fair component's entry back to it must do to be a
// fair cycle, as bits of a mask that only grows along the walk:
// - a weakly fair class enabled at the entry: met by taking it or by passing a
//   state that disables it (one bit);
// - a strongly fair class enabled in the component: one bit "enabled on the
//   way", one bit "taken"; met unless the first is set without the second;
// - a `visiting` state, when the condition asks for one (one bit).
// Obligations that no closed walk through the entry inside the component can
// fail are left out (pruned), so they cost the search nothing: a weak class
// when no such walk stays among the states enabling it without taking it, a
// strong class when no such walk that avoids it passes a state enabling it.
import type { NoFairCycle } from '../props/liveness.js';
import type { ComponentGraph } from './component-graph.js';
import type { LabeledGraph } from './transition-graph.js';

export class CycleObligations {
  /** 32-bit words per mask. */
  readonly words: number;
  /** What passing local state `v` meets: words `v * words ..`. */
  readonly metAt: Uint32Array;
  /** The bit taking each local edge sets, or -1. */
  readonly edgeBit: Int32Array;
  /** Bits that must all be set: the weak classes and the visit. */
  readonly required: Uint32Array;
  /** Per strong class, its "enabled" bit; its "taken" bit is the next one. */
  readonly strongBits: Int32Array;
  /** Obligations searched, and obligations found always met and left out. */
  readonly kept: number;
  readonly pruned: number;

  constructor(graph: LabeledGraph, component: ComponentGraph, condition: NoFairCycle) {
    const { weak, strong } = condition.fairness;
    const reach = new WalkSearch(component);
    const weakClasses: number[] = [];
    const strongClasses: number[] = [];
    let candidates = 0;
    const entry = component.entry;
    for (let i = component.enabledStart[entry]!; i < component.enabledStart[entry + 1]!; i++) {
      const c = component.enabledClass[i]!;
      if (!weak[c] || strong[c]) continue;
      candidates++;
      if (reach.canAvoidWeak(c)) weakClasses.push(c);
    }
    const strongSeen = new Set<number>();
    for (const c of component.enabledClass) {
      if (!strong[c] || strongSeen.has(c)) continue;
      strongSeen.add(c);
      candidates++;
      if (reach.canAvoidStrong(c)) strongClasses.push(c);
    }
    const visiting = condition.visiting;
    const mustVisit = visiting !== undefined && !reach.visitsAlways((v) => visiting(graph.facts(component.states[v]!)));
    if (visiting !== undefined) candidates++;

    const bitCount = weakClasses.length + 2 * strongClasses.length + (mustVisit ? 1 : 0);
    this.kept = weakClasses.length + strongClasses.length + (mustVisit ? 1 : 0);
    this.pruned = candidates - this.kept;
    const words = Math.max(1, Math.ceil(bitCount / 32));
    this.words = words;
    // Per class: its weak bit, or its strong "enabled" bit, or -1.
    const weakBit = new Int32Array(weak.length).fill(-1);
    const strongBit = new Int32Array(weak.length).fill(-1);
    weakClasses.forEach((c, i) => (weakBit[c] = i));
    strongClasses.forEach((c, j) => (strongBit[c] = weakClasses.length + 2 * j));
    const visitBit = weakClasses.length + 2 * strongClasses.length;
    this.strongBits = Int32Array.from(strongClasses, (c) => strongBit[c]!);
    const required = new Uint32Array(words);
    for (let i = 0; i < weakClasses.length; i++) setBit(required, 0, i);
    if (mustVisit) setBit(required, 0, visitBit);
    this.required = required;

    // Built in locals, then stored: loops over fields still being defined run slowly.
    const metAt = new Uint32Array(component.size * words);
    const { enabledStart, enabledClass } = component;
    for (let v = 0; v < component.size; v++) {
      const base = v * words;
      for (let i = 0; i < weakClasses.length; i++) setBit(metAt, base, i);
      for (let k = enabledStart[v]!; k < enabledStart[v + 1]!; k++) {
        const c = enabledClass[k]!;
        const w = weakBit[c]!;
        if (w >= 0) metAt[base + (w >>> 5)]! &= ~(1 << (w & 31));
        const b = strongBit[c]!;
        if (b >= 0) setBit(metAt, base, b);
      }
      if (mustVisit && visiting(graph.facts(component.states[v]!))) setBit(metAt, base, visitBit);
    }
    this.metAt = metAt;
    this.edgeBit = component.edgeClass.map((c) => (weakBit[c]! >= 0 ? weakBit[c]! : strongBit[c]! >= 0 ? strongBit[c]! + 1 : -1));
  }

  /** Whether the mask at `masks[at .. at + words - 1]` meets every obligation. */
  fair(masks: Uint32Array, at: number): boolean {
    for (let i = 0; i < this.words; i++) if ((masks[at + i]! & this.required[i]!) !== this.required[i]) return false;
    for (const b of this.strongBits) if (hasBit(masks, at, b) && !hasBit(masks, at, b + 1)) return false;
    return true;
  }

  get bytes(): number {
    return this.metAt.byteLength + this.edgeBit.byteLength;
  }
}

function setBit(words: Uint32Array, base: number, bit: number): void {
  words[base + (bit >>> 5)]! |= 1 << (bit & 31);
}

function hasBit(words: Uint32Array, base: number, bit: number): boolean {
  return (words[base + (bit >>> 5)]! & (1 << (bit & 31))) !== 0;
}

/** Searches for closed walks through the entry that fail one obligation; scratch reused across classes. */
class WalkSearch {
  private readonly stamp: Uint32Array;
  private readonly forward: Uint32Array;
  private readonly queue: Int32Array;
  private generation = 0;

  constructor(private readonly g: ComponentGraph) {
    this.stamp = new Uint32Array(g.size);
    this.forward = new Uint32Array(g.size);
    this.queue = new Int32Array(g.size);
  }

  /** Whether a closed walk through the entry stays among the states enabling `c` and never takes it. */
  canAvoidWeak(c: number): boolean {
    const g = this.g;
    const generation = this.sweep(true, (v) => g.enables(v, c), c, this.stamp);
    return this.stamp[g.entry] === generation;
  }

  /** Whether a closed walk through the entry that never takes `c` passes a state enabling it. */
  canAvoidStrong(c: number): boolean {
    const g = this.g;
    const all = () => true;
    const ahead = this.sweep(true, all, c, this.forward);
    const behind = this.sweep(false, all, c, this.stamp);
    for (let v = 0; v < g.size; v++) if (this.forward[v] === ahead && this.stamp[v] === behind && g.enables(v, c)) return true;
    return false;
  }

  /** Whether every closed walk through the entry passes a state where `holds`: no walk avoids them all. */
  visitsAlways(holds: (v: number) => boolean): boolean {
    const g = this.g;
    if (holds(g.entry)) return true;
    const generation = this.sweep(true, (v) => !holds(v), -1, this.stamp);
    return this.stamp[g.entry] !== generation;
  }

  /**
   * Marks with a new generation in `marks` the states reached from the
   * entry in one step or more (forward), or reaching it in zero steps or more
   * (backward), along edges not of class `avoid` between states where `allowed`.
   */
  private sweep(forward: boolean, allowed: (v: number) => boolean, avoid: number, marks: Uint32Array): number {
    const { g, queue } = this;
    const generation = ++this.generation;
    let tail = 0;
    const visit = (v: number) => {
      if (marks[v] === generation || !allowed(v)) return;
      marks[v] = generation;
      queue[tail++] = v;
    };
    const expand = (v: number) => {
      if (forward) {
        for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) if (g.edgeClass[e] !== avoid) visit(g.edgeTarget[e]!);
      } else {
        const reverse = g.reverse();
        for (let i = reverse.start[v]!; i < reverse.start[v + 1]!; i++) if (reverse.edgeClass[i] !== avoid) visit(reverse.source[i]!);
      }
    };
    if (forward) expand(g.entry);
    else visit(g.entry);
    for (let head = 0; head < tail; head++) expand(queue[head]!);
    return generation;
  }
}
