// Cache and TLB sequences in replacement order (the first entry is the next
// victim), as the executable specification maintains them.
import { List } from '../state/immutable.js';
import type { Policy } from '../state/config.js';
import type { Entry } from '../state/records.js';

export function findVa(entries: List<Entry>, va: number): number {
  for (let i = 0; i < entries.size; i++) if (entries.get(i)!.va === va) return i;
  return -1;
}

/** A hit: LRU moves the entry to the end; FIFO changes nothing. */
export function touch(entries: List<Entry>, at: number, policy: Policy): List<Entry> {
  if (policy === 'fifo' || at === entries.size - 1) return entries;
  return entries.delete(at).push(entries.get(at)!);
}

/** A fill appends; when the sequence is full the first entry is evicted first. Size 0 disables it. */
export function fill(entries: List<Entry>, entry: Entry, size: number): List<Entry> {
  if (size === 0) return entries;
  return (entries.size >= size ? entries.shift() : entries).push(entry);
}

export function dropWhere(entries: List<Entry>, drop: (entry: Entry) => boolean): List<Entry> {
  // An indexed loop finds out whether anything goes: cheaper than `some`'s iteration protocol.
  for (let i = 0; i < entries.size; i++) if (drop(entries.get(i)!)) return entries.filterNot(drop);
  return entries;
}

export const EMPTY: List<Entry> = List();
