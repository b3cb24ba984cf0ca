// Human-readable states and state changes, for traces printed to a terminal.
import type { List, Map as IMap } from 'immutable';
import { formatAction } from '../state/actions.js';
import { formatContent, formatMap, HYP, NONE, type Entry, type OsState, type Page, type State } from '../state/records.js';

function formatOwner(owner: number): string {
  if (owner === NONE) return 'free';
  if (owner === HYP) return 'hyp';
  return `OS ${owner}`;
}

function formatPage(page: Page): string {
  return `${formatOwner(page.owner)} ${formatContent(page.content)}`;
}

function formatOs(record: OsState | undefined): string {
  if (!record) return 'absent';
  return `currPage ${record.currPage}, hcall ${record.hcall ? formatAction(record.hcall) : 'none'}`;
}

function formatEntries(entries: List<Entry>): string {
  return `[${entries.map((e) => `${e.va}->${e.ma}`).join(', ')}]`;
}

function formatPhysicalMap(map: IMap<number, number> | undefined): string {
  return map ? formatMap(map) : 'absent';
}

function osIds(a: State, b: State): number[] {
  return [...new Set([...a.oss.keys(), ...b.oss.keys()])].sort((x, y) => x - y);
}

/** The whole state, one component per line. */
export function formatState(s: State): string[] {
  const lines = [`OS ${s.active} active, ${s.activity}, ${s.mode}`];
  for (const os of osIds(s, s)) lines.push(`OS ${os}: ${formatOs(s.oss.get(os))}; p2m ${formatPhysicalMap(s.p2m.get(os))}`);
  lines.push(`memory: ${s.memory.map((page, ma) => `${ma}: ${formatPage(page)}`).join('; ')}`);
  lines.push(`cache ${formatEntries(s.cache)}, TLB ${formatEntries(s.tlb)}`);
  return lines;
}

/** What changed from `before` to `after`, one item per changed component. */
export function describeChanges(before: State, after: State): string[] {
  const changes: string[] = [];
  const change = (what: string, from: string, to: string) => {
    if (from !== to) changes.push(`${what}: ${from} -> ${to}`);
  };
  change('active', `OS ${before.active}`, `OS ${after.active}`);
  change('activity', before.activity, after.activity);
  change('mode', before.mode, after.mode);
  for (const os of osIds(before, after)) {
    const x = before.oss.get(os);
    const y = after.oss.get(os);
    if (x?.currPage !== y?.currPage) change(`oss[${os}].currPage`, String(x?.currPage), String(y?.currPage));
    change(`oss[${os}].hcall`, x?.hcall ? formatAction(x.hcall) : 'none', y?.hcall ? formatAction(y.hcall) : 'none');
    change(`p2m[${os}]`, formatPhysicalMap(before.p2m.get(os)), formatPhysicalMap(after.p2m.get(os)));
  }
  const pages = Math.max(before.memory.size, after.memory.size);
  for (let ma = 0; ma < pages; ma++) {
    const x = before.memory.get(ma);
    const y = after.memory.get(ma);
    change(`memory[${ma}]`, x ? formatPage(x) : 'absent', y ? formatPage(y) : 'absent');
  }
  change('cache', formatEntries(before.cache), formatEntries(after.cache));
  change('TLB', formatEntries(before.tlb), formatEntries(after.tlb));
  return changes;
}
