// view_i(s): what OS i can observe (MODEL.md section 6.1), as named
// components of text, so that a difference between two views reads as a
// sentence ("OS 1's TLB is empty in the first run and [0->foreign] in the
// second"). Comparisons first look at the parts a view is computed from,
// which a successor mostly shares with its state, and build texts only when
// those differ. Fingerprints come from the same information written as bytes
// (view-bytes.ts).
import { is, List, Map as IMap } from '../state/immutable.js';
import { formatAction } from '../state/actions.js';
import { partitionOf, type Context } from '../state/context.js';
import { formatContent, formatMap, NONE, type Content, type Entry, type OsState, type Page, type State } from '../state/records.js';

export const VIEW_COMPONENTS = ['status', 'os', 'memory', 'cache', 'tlb', 'freePages', 'p2m'] as const;
export type ViewComponent = (typeof VIEW_COMPONENTS)[number];
/** A view; components an OS does not observe in that state are empty. */
export type View = Readonly<Record<ViewComponent, string>>;

export const COMPONENT_NAMES: Readonly<Record<ViewComponent, string>> = {
  status: 'activity',
  os: 'OS record',
  memory: 'memory',
  cache: 'cache',
  tlb: 'TLB',
  freePages: 'free pages of its partition',
  p2m: 'physical map',
};

type PhysicalMap = IMap<number, number>;

const STATUS = {
  running: { usr: 'active, running, usr', svc: 'active, running, svc' },
  waiting: { usr: 'active, waiting, usr', svc: 'active, waiting, svc' },
} as const;
const NO_PAGES: PhysicalMap = IMap<number, number>();
const EMPTY: List<Entry> = List();

export class Views {
  constructor(private readonly ctx: Context) {}

  /** view_i(s). */
  of(i: number, s: State): View {
    return this.build(i, s, false);
  }

  /**
   * view_i(erase_i(s)): what i would observe on the platform where it runs
   * alone (MODEL.md section 6.3), computed without building erase_i(s).
   */
  alone(i: number, s: State): View {
    return this.build(i, s, true);
  }

  /** Whether OS i observes the same in `s` and `t`. */
  same(i: number, s: State, t: State): boolean {
    return this.unchanged(i, s, t) || Views.key(this.of(i, s)) === Views.key(this.of(i, t));
  }

  /** A sufficient condition for `same`, without computing a view: the parts it is computed from are equal. */
  unchanged(i: number, s: State, t: State): boolean {
    return this.sameParts(i, s, t, false);
  }

  /** Whether OS i, running alone, would observe the same after `s` and after `t`. */
  sameAlone(i: number, s: State, t: State): boolean {
    return this.sameParts(i, s, t, true) || Views.key(this.alone(i, s)) === Views.key(this.alone(i, t));
  }

  private build(i: number, s: State, alone: boolean): View {
    const { ctx } = this;
    const map = s.p2m.get(i) ?? NO_PAGES;
    const record = s.oss.get(i);
    const active = s.active === i;
    // Switched in (alone), i finds the cache and TLB flushed, or as they are where switch keeps them.
    const cache = active ? s.cache : alone && !ctx.knobs.flushCacheOnSwitch ? s.cache : null;
    const tlb = active ? s.tlb : alone && !ctx.knobs.flushTlbOnSwitch ? s.tlb : null;
    const shown = active || alone;
    const view: View = {
      status: active ? STATUS[s.activity][s.mode] : alone ? STATUS.waiting.svc : 'not active',
      os: record ? this.os(record) : 'absent',
      memory: this.memory(s.memory, map),
      cache: !shown ? '' : !cache ? '[]' : this.buffer(cache, map),
      tlb: !shown ? '' : !tlb ? '[]' : this.buffer(tlb, map),
      freePages: ctx.knobs.allocation !== 'partitioned' ? '' : this.freePages(i, s.memory, map, alone),
      p2m: ctx.observeMachineAddresses ? formatMap(map) : '',
    };
    return view;
  }

  /**
   * Are the parts view_i is computed from equal in `s` and `t` (most often the
   * very same objects)? This settles most comparisons without computing a view;
   * `false` may still mean equal views.
   */
  private sameParts(i: number, s: State, t: State, alone: boolean): boolean {
    // A self-loop (every error leaves the state as it was).
    if (s === t) return true;
    return (
      activitySeen(i, s, alone) === activitySeen(i, t, alone) &&
      modeSeen(i, s, alone) === modeSeen(i, t, alone) &&
      sameEntries(this.cacheSeen(i, s, alone), this.cacheSeen(i, t, alone)) &&
      sameEntries(this.tlbSeen(i, s, alone), this.tlbSeen(i, t, alone)) &&
      samePages(this.ctx, i, s, t)
    );
  }

  /** The cache OS i observes in `x`; `alone`, on the platform where it runs alone, switched in if it was not active. */
  private cacheSeen(i: number, x: State, alone: boolean): List<Entry> {
    return x.active === i || (alone && !this.ctx.knobs.flushCacheOnSwitch) ? x.cache : EMPTY;
  }

  /** The TLB OS i observes, likewise. */
  private tlbSeen(i: number, x: State, alone: boolean): List<Entry> {
    return x.active === i || (alone && !this.ctx.knobs.flushTlbOnSwitch) ? x.tlb : EMPTY;
  }

  /** The view as one string: equal keys, equal views. */
  static key(view: View): string {
    return `${view.status}|${view.os}|${view.memory}|${view.cache}|${view.tlb}|${view.freePages}|${view.p2m}`;
  }

  private os(record: OsState): string {
    return `currPage ${record.currPage}, hcall ${record.hcall ? formatAction(record.hcall) : 'none'}`;
  }

  /** A machine page as the OS sees it: one of its physical addresses, a hypervisor page, or foreign. */
  private target(ma: number, map: PhysicalMap): string {
    const pa = map.keyOf(ma);
    const seen = pa !== undefined ? `pa ${pa}` : ma >= this.ctx.M ? 'hyp' : 'foreign';
    return this.ctx.observeMachineAddresses ? `${seen} (ma ${ma})` : seen;
  }

  private content(content: Content, map: PhysicalMap): string {
    return formatContent(content, (ma) => this.target(ma, map));
  }

  private memory(memory: List<Page>, map: PhysicalMap): string {
    let text = '';
    for (let pa = 0; pa < this.ctx.P; pa++) {
      const ma = map.get(pa);
      if (ma === undefined) continue;
      const at = this.ctx.observeMachineAddresses ? `pa ${pa} (ma ${ma})` : `pa ${pa}`;
      const page = memory.get(ma);
      const content = page ? this.content(page.content, map) : 'absent';
      text += `${text === '' ? '' : '; '}${at}: ${content}`;
    }
    return text;
  }

  private buffer(entries: List<Entry>, map: PhysicalMap): string {
    if (entries.size === 0) return '[]';
    let text = '';
    for (let k = 0; k < entries.size; k++) {
      const e = entries.get(k)!;
      text += `${k === 0 ? '' : ', '}${e.va}->${this.target(e.ma, map)}`;
    }
    return `[${text}]`;
  }

  /**
   * Contents of the free pages of OS i's partition, in machine-address order;
   * `alone`, pages other OSes own count as free (erasure frees them).
   */
  private freePages(i: number, memory: List<Page>, map: PhysicalMap, alone: boolean): string {
    const free: string[] = [];
    for (let ma = 0; ma < this.ctx.M; ma++) {
      const page = memory.get(ma)!;
      if (partitionOf(this.ctx, ma) !== i) continue;
      const freed = alone && page.owner >= 0 && page.owner !== i;
      if (page.owner !== NONE && !freed) continue;
      const text = freed ? 'Other' : this.content(page.content, map);
      free.push(this.ctx.observeMachineAddresses ? `ma ${ma}: ${text}` : text);
    }
    return `[${free.join(', ')}]`;
  }
}

/**
 * The components in which two views of OS `i` differ, as sentences; `labels`
 * name the two views ("the first run" and "the second", "before" and "after").
 */
export function viewDifferences(i: number, first: View, second: View, labels: readonly [string, string]): string[] {
  return VIEW_COMPONENTS.filter((c) => first[c] !== second[c]).map(
    (c) => `OS ${i}'s ${COMPONENT_NAMES[c]} is ${show(first[c])} ${labels[0]} and ${show(second[c])} ${labels[1]}`,
  );
}

function show(text: string): string {
  return text === '' ? 'not observed' : text === '[]' ? 'empty' : text;
}

/** The activity OS i observes (null: none, it is not active); `alone`, switched in if it was not active. */
function activitySeen(i: number, x: State, alone: boolean): string | null {
  return x.active === i ? x.activity : alone ? 'waiting' : null;
}

/** The mode OS i observes, likewise. */
function modeSeen(i: number, x: State, alone: boolean): string | null {
  return x.active === i ? x.mode : alone ? 'svc' : null;
}

function sameEntries(a: List<Entry>, b: List<Entry>): boolean {
  return a === b || is(a, b);
}

/**
 * Are OS i's record, physical map and the pages it can observe (its own, and
 * its partition's, free or not) equal in `s` and `t`?
 */
function samePages(ctx: Context, i: number, s: State, t: State): boolean {
  // A successor mostly holds the very maps of its state: no look-up in them then.
  if (s.oss !== t.oss) {
    const record = s.oss.get(i);
    const other = t.oss.get(i);
    if (record !== other && !(record && other && record.equals(other))) return false;
  }
  const map = s.p2m.get(i);
  if (s.p2m !== t.p2m) {
    const theirs = t.p2m.get(i);
    if (map !== theirs && !is(map, theirs)) return false;
  }
  if (s.memory === t.memory) return true;
  const samePage = (ma: number) => {
    const x = s.memory.get(ma)!;
    const y = t.memory.get(ma)!;
    return x === y || x.equals(y);
  };
  // By physical address rather than through an iterator's objects.
  if (map) {
    for (let pa = 0; pa < ctx.P; pa++) {
      const ma = map.get(pa);
      if (ma !== undefined && !samePage(ma)) return false;
    }
  }
  if (ctx.knobs.allocation !== 'partitioned') return true;
  for (let ma = 0; ma < ctx.M; ma++) if (partitionOf(ctx, ma) === i && !samePage(ma)) return false;
  return true;
}
