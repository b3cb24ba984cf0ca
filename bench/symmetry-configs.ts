// The three-OS configurations of the symmetry benchmark, and how its table
// writes verdicts, shared with the test that checks the README's figures
// against runs.
import type { Verdict } from '../src/props/verdict.js';

const THREE = { oses: [{}, {}, {}], virtualAddresses: 1, physicalAddresses: 2, values: 1, machinePages: 4, cache: { size: 0 }, tlb: { size: 0 } };

export const THREE_OS: Readonly<Record<string, Record<string, unknown>>> = {
  'three OSes (partitions 2, 1, 1)': THREE,
  'three OSes, no cache flush': { ...THREE, cache: { size: 1 }, hypervisor: { flushCacheOnSwitch: false } },
  'three OSes, no scrubbing, two values': { ...THREE, values: 2, hypervisor: { scrubFreedPages: false } },
  'three OSes, shared allocation': { ...THREE, hypervisor: { allocation: 'shared' } },
  'three OSes (partitions 2, 2, 2)': { ...THREE, machinePages: 6 },
};

/** Shipped configurations the benchmark leaves out: an unreduced run of them does not fit this machine's time. */
export const NOT_BENCHED: Readonly<Record<string, string>> = {
  'three-os-no-tlb-flush-huge': 'more than 10^9 states, beyond exhaustive search',
  'three-os-switch-with-pending': 'about 1.8 million states, with isolation unreduced',
  'three-os-large': 'over 10^8 states unreduced',
};

/**
 * Each verdict with its counterexample's length; for a property of parts,
 * each violated part with its lasso (prefix + cycle) or its trace's length.
 */
export function verdictsText(verdicts: readonly Verdict[]): string {
  return verdicts
    .map((v) => {
      const violated = (v.parts ?? []).filter((p) => p.status === 'violated');
      const parts = violated.map((p) => `${p.title} ${p.lasso ? `${p.lasso.prefix} + ${p.lasso.cycle}` : p.length}`);
      return `${v.property} ${v.status}${v.status === 'violated' ? ` (${v.counterexample.length})` : ''}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}`;
    })
    .join(', ');
}
