// The state of MODEL.md section 2 as immutable records: a successor shares
// every sub-structure its action did not touch.
import { List, Map as IMap, Record, type RecordOf } from 'immutable';
import type { Op } from './actions.js';

/** A data value; null means "never written". */
export type Value = number | null;

/** Page owner: an OS index, or one of these. */
export const NONE = -1;
export const HYP = -2;
export type Owner = number;

type RwProps = { readonly kind: 'rw'; readonly value: Value };
type PtProps = { readonly kind: 'pt'; readonly mappings: IMap<number, number> };
type OtherProps = { readonly kind: 'other' };

export type RwContent = RecordOf<RwProps>;
export type PtContent = RecordOf<PtProps>;
export type OtherContent = RecordOf<OtherProps>;
export type Content = RwContent | PtContent | OtherContent;

const RwFactory = Record<RwProps>({ kind: 'rw', value: null }, 'RW');
const PtFactory = Record<PtProps>({ kind: 'pt', mappings: IMap() }, 'PT');
const OtherFactory = Record<OtherProps>({ kind: 'other' }, 'Other');

export const OTHER: OtherContent = OtherFactory();

// RW contents are few (null and K values), so they are shared rather than rebuilt.
const rwInterned = new Map<Value, RwContent>();
export function rw(value: Value): RwContent {
  let content = rwInterned.get(value);
  if (!content) {
    content = RwFactory({ kind: 'rw', value });
    rwInterned.set(value, content);
  }
  return content;
}

/** A page table: virtual address -> machine page. */
export function pt(mappings: IMap<number, number>): PtContent {
  return PtFactory({ kind: 'pt', mappings });
}

type PageProps = { readonly owner: Owner; readonly content: Content };
export type Page = RecordOf<PageProps>;
export const Page = Record<PageProps>({ owner: NONE, content: OTHER }, 'Page');

/** The free page every guest page starts as. */
export const FREE_PAGE: Page = Page();

type OsProps = { readonly currPage: number; readonly hcall: Op | null };
export type OsState = RecordOf<OsProps>;
export const OsState = Record<OsProps>({ currPage: 0, hcall: null }, 'OS');

type EntryProps = { readonly va: number; readonly ma: number };
/** A cache or TLB entry: virtual address and the machine page it was filled from. */
export type Entry = RecordOf<EntryProps>;
export const Entry = Record<EntryProps>({ va: 0, ma: 0 }, 'Entry');

export type Activity = 'running' | 'waiting';
export type Mode = 'usr' | 'svc';

type StateProps = {
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
};
export type State = RecordOf<StateProps>;
export const State = Record<StateProps>(
  {
    active: 0,
    activity: 'waiting',
    mode: 'svc',
    oss: IMap(),
    p2m: IMap(),
    memory: List(),
    cache: List(),
    tlb: List(),
  },
  'State',
);

export type StateField = keyof StateProps;
export const STATE_FIELDS: readonly StateField[] = ['active', 'activity', 'mode', 'oss', 'p2m', 'memory', 'cache', 'tlb'];
