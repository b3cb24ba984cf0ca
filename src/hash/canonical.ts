// Canonical representatives of symmetry orbits, computed on the canonical
// byte encoding (its layout is src/state/layout.ts's) without decoding: the representative
// of a state is the least encoding, in byte order, of any image of it under
// the symmetry group. States in one orbit get the same representative, so a
// visited set of representatives counts orbits.
//
// For one OS permutation, renaming the values in order of first appearance
// gives the least encoding over every value permutation (value bytes sit at
// the same places whatever the values, and the first one that differs
// decides), so only the OS permutations are tried; and since the active OS
// is the first byte, only those mapping it to the least OS of its class.
import { range, type Context } from '../state/context.js';
import {
  ENTRY_LENGTH,
  HEADER_ACTIVE,
  HEADER_FLAGS,
  HEADER_LENGTH,
  KIND_PT,
  KIND_RW,
  layoutOf,
  OS_ABSENT,
  OS_P2M,
  OWNER_OS,
  PAGE_CONTENT,
  PAGE_KIND,
  PAGE_OWNER,
  type StateLayout,
} from '../state/layout.js';
import { osPermutations, type OsPermutation, type SymmetryElement } from './symmetry-group.js';

interface Compiled {
  readonly perm: OsPermutation;
  readonly os: Uint8Array;
  /** Source OS of each position: the inverse of `os`. */
  readonly sourceOs: Uint8Array;
  /** Encoded page reference (ma + 1, 0 for none) to its image. */
  readonly maRef: Uint8Array;
  /** Source page of each position: the inverse of `ma`. */
  readonly sourceMa: Uint16Array;
}

export class Canonicaliser {
  private readonly layout: StateLayout;
  /** Per active OS: the permutations sending it to the least OS of its class. */
  private readonly candidates: readonly (readonly Compiled[])[];
  /** Where the OS records and pages of the state being canonicalised start (layout.locate). */
  private readonly offsets: Uint32Array;
  /** Value byte (v + 1) to its new name, 0 while unnamed. */
  private readonly names: Uint8Array;
  private candidate: Uint8Array;
  /** Which candidate and value naming produced the last representative. */
  private chosen: Compiled | null = null;
  private readonly chosenNames: Uint8Array;
  private readonly compiled: readonly Compiled[];
  /** Every permutation compiled so far, by identity (`apply` may be given others than the group's). */
  private readonly compiledFor = new WeakMap<OsPermutation, Compiled>();
  private readonly identity: Compiled;
  /** A value permutation's byte map (v + 1 to its image + 1), made once per permutation array. */
  private readonly valueBytesFor = new WeakMap<readonly number[], Uint8Array>();
  private orbitScratch: Uint8Array;
  /** k! for k up to the number of values. */
  private readonly factorials: readonly number[];
  /** The orbit size of the state canonicalised last. */
  private lastSize = 0;

  /**
   * `permutations` is the group's OS part, a group itself (every OS
   * permutation of the context by default); the value part is every
   * permutation of the values.
   */
  constructor(
    private readonly ctx: Context,
    permutations: readonly OsPermutation[] = osPermutations(ctx),
  ) {
    this.layout = layoutOf(ctx);
    const compiled = permutations.map((perm) => compile(perm));
    this.compiled = compiled;
    for (const c of compiled) this.compiledFor.set(c.perm, c);
    this.identity = compiled.find((c) => c.os.every((image, i) => image === i))!;
    this.orbitScratch = new Uint8Array(0);
    this.factorials = Array.from({ length: ctx.K + 1 }, (_, k) => (k === 0 ? 1 : range(k).reduce((f, j) => f * (j + 1), 1)));
    this.candidates = Array.from({ length: ctx.n }, (_, active) => {
      const least = Math.min(...compiled.map((c) => c.os[active]!));
      return compiled.filter((c) => c.os[active] === least);
    });
    this.offsets = this.layout.offsets();
    this.names = new Uint8Array(ctx.K + 1);
    this.chosenNames = new Uint8Array(ctx.K + 1);
    this.candidate = new Uint8Array(0);
  }

  /**
   * Writes the representative of the state encoded at bytes[start..end) into
   * `out` (from 0); returns its length, which is end - start.
   */
  canonicalise(bytes: Uint8Array, start: number, end: number, out: Uint8Array): number {
    const length = end - start;
    if (this.candidate.length < length) this.candidate = new Uint8Array(length);
    this.layout.locate(bytes, start, this.offsets);
    const candidates = this.candidates[bytes[start + HEADER_ACTIVE]!]!;
    let best: Compiled | null = null;
    let ties = 0;
    let used = 0;
    for (const c of candidates) {
      const target = best === null ? out : this.candidate;
      used = this.write(bytes, start, c, target);
      const order = best === null ? -1 : compare(this.candidate, out, length);
      if (order < 0) {
        if (best !== null) out.set(this.candidate.subarray(0, length));
        best = c;
        ties = 1;
        this.chosenNames.set(this.names);
      } else if (order === 0) {
        ties++;
      }
    }
    this.chosen = best;
    this.lastSize = this.sizeOf(ties, used);
    return length;
  }

  /**
   * The orbit size of the state canonicalised last, read off its candidates:
   * those whose images tie with the representative are the stabiliser of the
   * representative composed with the chosen one (each maps the active OS to
   * the least of its class, as every element fixing the representative
   * fixes its active OS), so they are as many as orbitSize counts.
   */
  lastOrbitSize(): number {
    return this.lastSize;
  }

  /** The group's order over a stabiliser of `fixing` OS permutations, times the value renamings of `used` distinct values. */
  private sizeOf(fixing: number, used: number): number {
    const { factorials } = this;
    const K = this.ctx.K;
    return (this.compiled.length / fixing) * (factorials[K]! / factorials[K - used]!);
  }

  /**
   * The number of states in the orbit of the state encoded at
   * bytes[start..end): the group's order over its stabiliser's. An OS
   * permutation belongs to the stabiliser (with some value permutation) when
   * its image, values named in order of first appearance, is the state so
   * named; the value permutations that go with it are those fixing every
   * value the state holds, (K - u)! for u distinct values.
   */
  orbitSize(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (this.orbitScratch.length < 2 * length) this.orbitScratch = new Uint8Array(2 * length);
    const named = this.orbitScratch.subarray(0, length);
    const image = this.orbitScratch.subarray(length, 2 * length);
    this.layout.locate(bytes, start, this.offsets);
    const used = this.write(bytes, start, this.identity, named);
    // The identity fixes every state, and a permutation moving the active OS (the first byte) fixes none.
    const active = bytes[start + HEADER_ACTIVE]!;
    let fixing = 1;
    for (const c of this.compiled) {
      if (c === this.identity || c.os[active] !== active) continue;
      this.write(bytes, start, c, image);
      if (compare(image, named, length) === 0) fixing++;
    }
    return this.sizeOf(fixing, used);
  }

  /** The representative of `encoded`, in a fresh array. */
  canonical(encoded: Uint8Array): Uint8Array {
    const out = new Uint8Array(encoded.length);
    this.canonicalise(encoded, 0, encoded.length, out);
    return out;
  }

  /** The group element that maps the state of `encoded` to its representative. */
  elementTo(encoded: Uint8Array): SymmetryElement {
    this.canonical(encoded);
    return this.lastElement();
  }

  /** The group element that mapped the state canonicalised last to its representative. */
  lastElement(): SymmetryElement {
    const K = this.ctx.K;
    const values = new Array<number>(K);
    let named = 0;
    for (let v = 0; v < K; v++) {
      const name = this.chosenNames[v + 1]!;
      values[v] = name - 1;
      if (name !== 0) named |= 1 << (name - 1);
    }
    // Values absent from the state may go anywhere: to the names left, in order.
    let free = 0;
    for (let v = 0; v < K; v++) {
      if (values[v] !== -1) continue;
      while (named & (1 << free)) free++;
      values[v] = free++;
    }
    return { os: this.chosen!.perm, values };
  }

  /** The encoding of the image of the state of `encoded` under `g` (an element of the group). */
  apply(encoded: Uint8Array, g: SymmetryElement): Uint8Array {
    const out = new Uint8Array(encoded.length);
    this.applyInto(encoded, g, out);
    return out;
  }

  /** Writes the encoding of the image of the state of `encoded` under `g` into `out` (from 0, `encoded.length` bytes). */
  applyInto(encoded: Uint8Array, g: SymmetryElement, out: Uint8Array): void {
    let valueBytes = this.valueBytesFor.get(g.values);
    if (!valueBytes) {
      valueBytes = new Uint8Array(this.ctx.K + 1);
      for (const [v, image] of g.values.entries()) valueBytes[v + 1] = image + 1;
      this.valueBytesFor.set(g.values, valueBytes);
    }
    this.layout.locate(encoded, 0, this.offsets);
    this.write(encoded, 0, this.compiledOf(g.os), out, valueBytes);
  }

  /** Each permutation is compiled once: the group's own ones are from the start. */
  private compiledOf(perm: OsPermutation): Compiled {
    let c = this.compiledFor.get(perm);
    if (!c) this.compiledFor.set(perm, (c = compile(perm)));
    return c;
  }

  /**
   * The encoding of the image under `c`, with each value byte (v + 1) mapped
   * by `valueBytes`, or, without it, values named in order of first appearance.
   */
  private write(bytes: Uint8Array, start: number, c: Compiled, out: Uint8Array, valueBytes?: Uint8Array): number {
    const { ctx, names, offsets } = this;
    const { memoryIndex, cacheIndex, osRecordLength } = this.layout;
    const { maRef } = c;
    // A loop: `fill` on K + 1 bytes costs more than the bytes (per image written).
    for (let v = 0; v < names.length; v++) names[v] = 0;
    let nextName = 1;
    out[HEADER_ACTIVE] = c.os[bytes[start + HEADER_ACTIVE]!]!;
    out[HEADER_FLAGS] = bytes[start + HEADER_FLAGS]!;
    let at = HEADER_LENGTH;
    for (let os = 0; os < ctx.n; os++) {
      let from = offsets[c.sourceOs[os]!]!;
      if (bytes[from] === OS_ABSENT) {
        out[at++] = OS_ABSENT;
        continue;
      }
      // present, currPage, hcall: no OS, page or value in them.
      for (let k = 0; k < OS_P2M; k++) out[at++] = bytes[from++]!;
      for (let k = OS_P2M; k < osRecordLength; k++) out[at++] = maRef[bytes[from++]!]!;
    }
    for (let ma = 0; ma < cacheIndex - memoryIndex; ma++) {
      const from = offsets[memoryIndex + c.sourceMa[ma]!]!;
      const owner = bytes[from + PAGE_OWNER]!;
      out[at + PAGE_OWNER] = owner >= OWNER_OS ? c.os[owner - OWNER_OS]! + OWNER_OS : owner;
      const kind = bytes[from + PAGE_KIND]!;
      out[at + PAGE_KIND] = kind;
      at += PAGE_CONTENT;
      if (kind === KIND_RW) {
        const value = bytes[from + PAGE_CONTENT]!;
        if (valueBytes) {
          out[at++] = valueBytes[value]!;
        } else {
          if (value !== 0 && names[value] === 0) names[value] = nextName++;
          out[at++] = value === 0 ? 0 : names[value]!;
        }
      } else if (kind === KIND_PT) {
        for (let va = 0; va < ctx.V; va++) out[at++] = maRef[bytes[from + PAGE_CONTENT + va]!]!;
      }
    }
    // Cache then TLB: a length, then (va, ma) pairs, ma not plus one.
    let from = offsets[cacheIndex]!;
    for (let buffer = 0; buffer < 2; buffer++) {
      const entries = bytes[from++]!;
      out[at++] = entries;
      for (let e = 0; e < entries; e++, from += ENTRY_LENGTH, at += ENTRY_LENGTH) {
        out[at] = bytes[from]!;
        out[at + 1] = maRef[bytes[from + 1]! + 1]! - 1;
      }
    }
    return nextName - 1;
  }
}

function compile(perm: OsPermutation): Compiled {
  const os = Uint8Array.from(perm.os);
  const sourceOs = new Uint8Array(os.length);
  os.forEach((image, i) => (sourceOs[image] = i));
  const maRef = new Uint8Array(perm.ma.length + 1);
  perm.ma.forEach((image, m) => (maRef[m + 1] = image + 1));
  const sourceMa = new Uint16Array(perm.ma.length);
  perm.ma.forEach((image, m) => (sourceMa[image] = m));
  return { perm, os, sourceOs, maRef, sourceMa };
}

/** Byte order of a[0..length) and b[0..length): negative, zero or positive. */
function compare(a: Uint8Array, b: Uint8Array, length: number): number {
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
