// Where a check spills its visited set and queue (src/engine/disk/spilled-search.ts):
// a folder of its own, made on the first spill, inside --work-dir (by
// default the results folder, or the system's temporary folder when nothing
// is written), and removed when the run ends, whatever ends it, so that no
// partial file stays behind. The budget is --spill-budget, or half the
// memory limit: the other half is for what a run holds besides (the runtime
// and its threads, batches in flight, a merge's sorting, view classes).
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SpillOptions } from '../engine/disk/spilled-search.js';
import { PROPERTIES } from '../props/registry.js';
import { verdictKind, type PropertyName } from '../props/property.js';
import { UsageError } from './load.js';

/** Of the memory limit, the share the visited set and the queue may hold before they spill, unless --spill-budget says. */
export const SPILL_SHARE = 0.5;

export interface WorkDirOptions {
  readonly properties: readonly PropertyName[];
  readonly memoryLimitBytes: number;
  readonly spillBudgetBytes?: number;
  readonly workDir?: string;
  readonly out: string;
  readonly write: boolean;
  /** Checkpoints are saved from memory: a run that saves or resumes one does not spill. */
  readonly checkpoint?: string;
  readonly resume?: string;
}

export interface SpillPlan {
  /** Absent when the run keeps everything in memory (it checks a property whose graph stays there). */
  readonly spill?: SpillOptions;
  /** Removes the run's folder, and the folder above it when the run made it and left it empty. */
  dispose(): void;
}

export function spillPlan(options: WorkDirOptions): SpillPlan {
  const inMemory = options.properties.filter((p) => verdictKind(PROPERTIES[p]) === 'liveness');
  if (inMemory.length > 0) {
    if (options.spillBudgetBytes !== undefined) {
      throw new UsageError(
        `--spill-budget: ${inMemory.join(', ')} keeps the whole transition graph in memory, which cannot be spilled to disk; ` +
          `check ${inMemory.length > 1 ? 'them' : 'it'} without --spill-budget (the run then stops at --memory-limit), or the other properties on their own`,
      );
    }
    return { dispose: () => {} };
  }
  if (options.checkpoint !== undefined || options.resume !== undefined) {
    if (options.spillBudgetBytes !== undefined) throw new UsageError('--spill-budget cannot go with --checkpoint or --resume: a checkpoint is written from memory');
    return { dispose: () => {} };
  }
  const parent = resolve(options.workDir ?? (options.write ? options.out : tmpdir()));
  const existed = existsSync(parent);
  const workDir = join(parent, `.virtcheck-work-${process.pid}-${Date.now()}`);
  return {
    spill: { budgetBytes: options.spillBudgetBytes ?? Math.floor(options.memoryLimitBytes * SPILL_SHARE), workDir },
    dispose() {
      rmSync(workDir, { recursive: true, force: true });
      if (!existed && existsSync(parent) && readdirSync(parent).length === 0) rmdirSync(parent);
    },
  };
}
