// The state of MODEL.md section 2: `immutable` Maps and Lists, so that a
// successor shares every sub-structure its action did not touch, held by small
// immutable value classes (the state, OS records, pages, contents, cache and
// TLB entries). These follow immutable's value-object protocol (`equals`,
// `hashCode`), so they compare by value inside immutable collections, and
// reading a field is a plain property access, which keeps the hot path of
// exploration fast and monomorphic.
import { hash, is, type List, type Map as IMap } from './immutable.js';
import { sameOp, type Op } from './actions.js';

/** A data value; null means "never written". */
export type Value = number | null;

/** Page owner: an OS index, or one of these. */
export const NONE = -1;
export const HYP = -2;
export type Owner = number;

function mix(a: number, b: number): number {
  return (Math.imul(a, 31) + b) | 0;
}

export class RwContent {
  readonly kind = 'rw';
  constructor(readonly value: Value) {}
  equals(other: unknown): boolean {
    return other instanceof RwContent && other.value === this.value;
  }
  hashCode(): number {
    return mix(1, this.value ?? -1);
  }
}

export class PtContent {
  readonly kind = 'pt';
  /** Virtual address -> machine page. */
  constructor(readonly mappings: IMap<number, number>) {}
  equals(other: unknown): boolean {
    return other instanceof PtContent && is(other.mappings, this.mappings);
  }
  hashCode(): number {
    return mix(2, this.mappings.hashCode());
  }
}

export class OtherContent {
  readonly kind = 'other';
  equals(other: unknown): boolean {
    return other instanceof OtherContent;
  }
  hashCode(): number {
    return 3;
  }
}

export type Content = RwContent | PtContent | OtherContent;

export const OTHER: OtherContent = new OtherContent();

// RW contents are few (null and K values), so they are shared rather than rebuilt.
const rwInterned = new Map<Value, RwContent>();
export function rw(value: Value): RwContent {
  let content = rwInterned.get(value);
  if (!content) {
    content = new RwContent(value);
    rwInterned.set(value, content);
  }
  return content;
}

export function pt(mappings: IMap<number, number>): PtContent {
  return new PtContent(mappings);
}

export class Page {
  constructor(
    readonly owner: Owner,
    readonly content: Content,
  ) {}
  withContent(content: Content): Page {
    return content === this.content ? this : new Page(this.owner, content);
  }
  equals(other: unknown): boolean {
    return other instanceof Page && other.owner === this.owner && this.content.equals(other.content);
  }
  hashCode(): number {
    return mix(this.owner, this.content.hashCode());
  }
}

/** The free page every guest page starts as. */
export const FREE_PAGE: Page = new Page(NONE, OTHER);

export class OsState {
  constructor(
    /** Physical address of the current page table. */
    readonly currPage: number,
    /** The pending hypercall, if any. */
    readonly hcall: Op | null,
  ) {}
  withHcall(hcall: Op | null): OsState {
    return new OsState(this.currPage, hcall);
  }
  withCurrPage(currPage: number): OsState {
    return new OsState(currPage, this.hcall);
  }
  equals(other: unknown): boolean {
    if (!(other instanceof OsState) || other.currPage !== this.currPage) return false;
    return other.hcall === this.hcall || (other.hcall !== null && this.hcall !== null && sameOp(other.hcall, this.hcall));
  }
  hashCode(): number {
    return mix(this.currPage, this.hcall === null ? 0 : hash(this.hcall.kind));
  }
}

/** A cache or TLB entry: virtual address and the machine page it was filled from. */
export class Entry {
  constructor(
    readonly va: number,
    readonly ma: number,
  ) {}
  equals(other: unknown): boolean {
    return other instanceof Entry && other.va === this.va && other.ma === this.ma;
  }
  hashCode(): number {
    return mix(this.va, this.ma);
  }
}

const entries = new Map<number, Entry>();
/** Entries are shared: there are at most V * (M + R) of them. */
export function entry(va: number, ma: number): Entry {
  const key = va * 256 + ma;
  let e = entries.get(key);
  if (!e) {
    e = new Entry(va, ma);
    entries.set(key, e);
  }
  return e;
}

export type Activity = 'running' | 'waiting';
export type Mode = 'usr' | 'svc';

export const STATE_FIELDS = ['active', 'activity', 'mode', 'oss', 'p2m', 'memory', 'cache', 'tlb'] as const;
export type StateField = (typeof STATE_FIELDS)[number];
/** A state's fields, as plain data. */
export type StateProps = Pick<State, StateField>;

/**
 * A state. Like the leaves it is a value class rather than an `immutable`
 * Record: a Record's field read goes through a getter, a key lookup and a
 * List read, which profiling showed to be a quarter of exploration time.
 */
export class State {
  readonly active: number;
  readonly activity: Activity;
  readonly mode: Mode;
  readonly oss: IMap<number, OsState>;
  /** OS -> (physical address -> machine page). */
  readonly p2m: IMap<number, IMap<number, number>>;
  readonly memory: List<Page>;
  /** Replacement order: the first entry is the next victim. */
  readonly cache: List<Entry>;
  readonly tlb: List<Entry>;

  constructor(props: StateProps) {
    this.active = props.active;
    this.activity = props.activity;
    this.mode = props.mode;
    this.oss = props.oss;
    this.p2m = props.p2m;
    this.memory = props.memory;
    this.cache = props.cache;
    this.tlb = props.tlb;
  }

  /** This state with the given fields replaced; itself when nothing changes. */
  with(changes: Partial<StateProps>): State {
    // Field by field rather than by spreading: this is the hot path of every step.
    const next = new State({
      active: changes.active ?? this.active,
      activity: changes.activity ?? this.activity,
      mode: changes.mode ?? this.mode,
      oss: changes.oss ?? this.oss,
      p2m: changes.p2m ?? this.p2m,
      memory: changes.memory ?? this.memory,
      cache: changes.cache ?? this.cache,
      tlb: changes.tlb ?? this.tlb,
    });
    return next.equalFields(this) ? this : next;
  }

  set<F extends StateField>(field: F, value: StateProps[F]): State {
    if (value === this[field]) return this;
    // A copy with one field replaced; not `with({ [field]: value })`, whose computed key is slow on the hot path.
    const props: { -readonly [K in StateField]: StateProps[K] } = {
      active: this.active,
      activity: this.activity,
      mode: this.mode,
      oss: this.oss,
      p2m: this.p2m,
      memory: this.memory,
      cache: this.cache,
      tlb: this.tlb,
    };
    props[field] = value;
    return new State(props);
  }

  /** Field by field, by identity: cheap, and enough to keep unchanged states identical. */
  private equalFields(other: State): boolean {
    return (
      this.active === other.active &&
      this.activity === other.activity &&
      this.mode === other.mode &&
      this.oss === other.oss &&
      this.p2m === other.p2m &&
      this.memory === other.memory &&
      this.cache === other.cache &&
      this.tlb === other.tlb
    );
  }

  equals(other: unknown): boolean {
    return other instanceof State && STATE_FIELDS.every((field) => is(this[field], other[field]));
  }

  hashCode(): number {
    return STATE_FIELDS.reduce((h, field) => mix(h, hash(this[field])), 0);
  }
}

/** A content in MODEL.md notation; `target` shows the machine page a page-table entry maps to. */
export function formatContent(content: Content, target: (ma: number) => string = String): string {
  switch (content.kind) {
    case 'other':
      return 'Other';
    case 'rw':
      return `RW(${content.value === null ? 'null' : content.value})`;
    case 'pt':
      return `PT${formatMap(content.mappings, target)}`;
  }
}

/** A map of numbers as `{k->v, ...}` in key order; `target` shows each value. */
export function formatMap(map: IMap<number, number>, target: (value: number) => string = String): string {
  return `{${[...map.entries()]
    .sort(([a], [b]) => a - b)
    .map(([k, v]) => `${k}->${target(v)}`)
    .join(', ')}}`;
}
