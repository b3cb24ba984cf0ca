// The fixed context of a run (MODEL.md section 1), derived once from a configuration.
import type { Config, HypervisorKnobs, Policy } from './config.js';

export interface BufferShape {
  readonly size: number;
  readonly policy: Policy;
}

export interface Context {
  readonly config: Config;
  /** Number of guest OSes: OS = {0..n-1}. */
  readonly n: number;
  readonly trusted: readonly boolean[];
  /** Virtual addresses {0..V-1}; the last R are reserved for the hypervisor. */
  readonly V: number;
  readonly R: number;
  /** Physical addresses {0..P-1}, one such space per OS. */
  readonly P: number;
  /** Guest machine pages {0..M-1}; hypervisor pages are M..M+R-1. */
  readonly M: number;
  /** Data values {0..K-1}. */
  readonly K: number;
  readonly cache: BufferShape;
  readonly tlb: BufferShape;
  readonly knobs: HypervisorKnobs;
  readonly observeMachineAddresses: boolean;
}

export function makeContext(config: Config): Context {
  return {
    config,
    n: config.oses.length,
    trusted: config.oses.map((os) => os.trusted),
    V: config.virtualAddresses,
    R: config.reservedVirtualAddresses,
    P: config.physicalAddresses,
    M: config.machinePages,
    K: config.values,
    cache: config.cache,
    tlb: config.tlb,
    knobs: config.hypervisor,
    observeMachineAddresses: config.observe.machineAddresses,
  };
}

/** All machine pages: guest pages then the R hypervisor pages. */
export function memorySize(ctx: Context): number {
  return ctx.M + ctx.R;
}

export function isAccessible(ctx: Context, va: number): boolean {
  return va >= 0 && va < ctx.V - ctx.R;
}

/** The hypervisor page that reserved virtual address `va` maps to. */
export function hypervisorPageOf(ctx: Context, va: number): number {
  return ctx.M + (va - (ctx.V - ctx.R));
}

/** With partitioned allocation, guest page `ma` belongs to OS floor(ma * n / M). */
export function partitionOf(ctx: Context, ma: number): number {
  return Math.floor((ma * ctx.n) / ctx.M);
}

/** May `pin` hand guest page `ma` to OS `os` (ignoring whether it is free)? */
export function mayAllocate(ctx: Context, os: number, ma: number): boolean {
  if (ma < 0 || ma >= ctx.M) return false;
  return ctx.knobs.allocation === 'shared' || partitionOf(ctx, ma) === os;
}

export function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}
