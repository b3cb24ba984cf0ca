// The symmetry group of a context (docs/model.md, Symmetry): permutations of
// interchangeable OSes, each moving the OS's partition with it, and
// permutations of data values. The executable specification commutes with
// every element (test/hash/symmetry.test.ts proves it on small
// configurations), which is what makes symmetry reduction sound.
import type { Action } from '../state/actions.js';
import type { Response } from '../spec/response.js';
import { memorySize, partitionOf, range, type Context } from '../state/context.js';

/** A permutation of the OSes and the permutation of machine pages it induces. */
export interface OsPermutation {
  /** OS i becomes OS os[i]. */
  readonly os: readonly number[];
  /** Machine page m becomes page ma[m]; hypervisor pages stay where they are. */
  readonly ma: readonly number[];
}

/** An element of the group: an OS permutation and a permutation of the values (null stays null). */
export interface SymmetryElement {
  readonly os: OsPermutation;
  /** Value v becomes value values[v]. */
  readonly values: readonly number[];
}

/**
 * The classes of interchangeable OSes: equal trust, and with partitioned
 * allocation partitions of equal size (so that one can be laid on the other).
 */
export function interchangeableClasses(ctx: Context): number[][] {
  const sizes = range(ctx.n).map((os) => range(ctx.M).filter((ma) => partitionOf(ctx, ma) === os).length);
  const key = (os: number) => `${ctx.trusted[os]}:${ctx.knobs.allocation === 'partitioned' ? sizes[os] : 0}`;
  const classes = new Map<string, number[]>();
  for (let os = 0; os < ctx.n; os++) {
    const members = classes.get(key(os));
    if (members) members.push(os);
    else classes.set(key(os), [os]);
  }
  return [...classes.values()];
}

/**
 * Every permutation of the OSes within their classes, the identity first.
 * With partitioned allocation the k-th page of OS i's partition goes to the
 * k-th page of OS os[i]'s, keeping the order of pages (pin takes the lowest
 * free one); with shared allocation machine pages stay where they are.
 */
export function osPermutations(ctx: Context): OsPermutation[] {
  let perms: number[][] = [range(ctx.n)];
  for (const members of interchangeableClasses(ctx)) {
    perms = perms.flatMap((perm) =>
      permutationsOf(members).map((image) => {
        const next = [...perm];
        members.forEach((os, k) => (next[os] = image[k]!));
        return next;
      }),
    );
  }
  return perms.map((os) => ({ os, ma: machinePagesUnder(ctx, os) }));
}

function machinePagesUnder(ctx: Context, os: readonly number[]): number[] {
  const ma = range(memorySize(ctx));
  if (ctx.knobs.allocation !== 'partitioned') return ma;
  const firstOf = range(ctx.n).map((o) => range(ctx.M).find((m) => partitionOf(ctx, m) === o) ?? 0);
  for (let m = 0; m < ctx.M; m++) {
    const owner = partitionOf(ctx, m);
    ma[m] = firstOf[os[owner]!]! + (m - firstOf[owner]!);
  }
  return ma;
}

/** All orderings of `items` (the first is `items` itself). */
export function permutationsOf<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((first, i) => permutationsOf([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [first, ...rest]));
}

/** Number of elements of the group: OS permutations times K! value permutations. */
export function groupOrder(ctx: Context): { osPermutations: number; valuePermutations: number } {
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const osCount = interchangeableClasses(ctx).reduce((product, members) => product * factorial(members.length), 1);
  return { osPermutations: osCount, valuePermutations: factorial(ctx.K) };
}

/** The image of an action: switch names an OS, write a value; nothing else names either. */
export function permuteAction(g: SymmetryElement, a: Action): Action {
  switch (a.kind) {
    case 'switch':
      return { kind: 'switch', os: g.os.os[a.os]! };
    case 'write':
      return { kind: 'write', va: a.va, val: g.values[a.val]! };
    default:
      return a;
  }
}

/**
 * The least OS of each orbit of the group's OS permutations, in order: under
 * reduction by the group, what is measured per OS for one of them stands for
 * every OS of its orbit (the reachable states are closed under the group).
 */
export function osOrbitRepresentatives(n: number, permutations: readonly OsPermutation[]): number[] {
  // A group holds every inverse: i is least in its orbit iff no element takes it lower.
  return range(n).filter((i) => permutations.every((p) => p.os[i]! >= i));
}

/** The inverse element. */
export function inverse(g: SymmetryElement): SymmetryElement {
  const invert = (p: readonly number[]) => {
    const q = new Array<number>(p.length);
    p.forEach((image, i) => (q[image] = i));
    return q;
  };
  return { os: { os: invert(g.os.os), ma: invert(g.os.ma) }, values: invert(g.values) };
}

/** The image of a response: a read's value is renamed; nothing else names a value or an OS. */
export function permuteResponse(g: SymmetryElement, r: Response): Response {
  return r.kind === 'value' && r.value !== null ? { ...r, value: g.values[r.value]! } : r;
}

/** Every element of the group with OS part `permutations` and every value permutation, in a fixed order (the identity first). */
export function groupElements(ctx: Context, permutations: readonly OsPermutation[]): SymmetryElement[] {
  const values = permutationsOf(range(ctx.K));
  return permutations.flatMap((os) => values.map((v) => ({ os, values: v })));
}

/**
 * The multiplication table of a group given as a list of its elements:
 * entry j * m + k is the index of elements[j] after elements[k] (m elements).
 * An OS permutation is known by where it sends the OSes (its pages follow).
 */
export function productTable(elements: readonly SymmetryElement[]): Uint16Array {
  const key = (g: SymmetryElement) => `${g.os.os.join()}|${g.values.join()}`;
  const index = new Map(elements.map((g, k) => [key(g), k]));
  if (index.size !== elements.length) throw new Error('product table: two elements send the OSes and values alike');
  const m = elements.length;
  const table = new Uint16Array(m * m);
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < m; k++) {
      const product = index.get(key(compose(elements[j]!, elements[k]!)));
      if (product === undefined) throw new Error('product table: the elements are not a group');
      table[j * m + k] = product;
    }
  }
  return table;
}

/** `g` after `h`: the element taking x to g(h(x)). */
export function compose(g: SymmetryElement, h: SymmetryElement): SymmetryElement {
  const after = (outer: readonly number[], inner: readonly number[]) => inner.map((image) => outer[image]!);
  return { os: { os: after(g.os.os, h.os.os), ma: after(g.os.ma, h.os.ma) }, values: after(g.values, h.values) };
}
