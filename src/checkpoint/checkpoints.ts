// Checkpoints of a check: the engine's state at a level boundary (visited
// set, the level about to be expanded, its orbit sizes, counters, findings)
// and every observer's (transition graph, view classes), saved into a
// checkpoint folder at most every `everyMs` and when a stop signal arrives;
// and the same read back, after the manifest says it was saved by a run
// identical to this one, to resume.
import type { CheckpointHook, EngineCounters, LevelBoundary } from '../engine/boundary.js';
import { LevelBuffer } from '../engine/level-buffer.js';
import { StateStore } from '../hash/state-store.js';
import type { FirstFinding, TransitionObserver } from '../props/coordinator.js';
import { checkpointFolder, type CheckpointFolder } from './folder.js';
import { identityDifferences, runIdentity, type IdentityParts, type RunIdentity, type SymmetryPlan } from './identity.js';
import { bytesOf, CheckpointCorrupt, CheckpointError, CheckpointMismatch, readColumn, type Checkpointable, type SnapshotReader, type SnapshotWriter } from '../hash/snapshot.js';

export interface CheckpointSettings {
  /** Where to save checkpoints; none saved when absent. */
  readonly saveTo?: string;
  /** Milliseconds between saves (at the first level boundary after); 0 saves at every boundary. */
  readonly everyMs: number;
  /** The checkpoint folder to resume from. */
  readonly resumeFrom?: string;
  /** The program's version and its step function's reference (module#export): part of what a resume must share. */
  readonly version: string;
  readonly step: string;
  readonly onSaving?: () => void;
  readonly onSaved?: (saved: { readonly dir: string; readonly depth: number; readonly states: number }) => void;
  /** A save failed: the run goes on, the previous checkpoint stands (without it, the error ends the run). */
  readonly onSaveFailed?: (error: Error) => void;
  /** Save over the checkpoint another run left in `saveTo`: a check's second run replaces its first's (src/check/check.ts). */
  readonly replacing?: boolean;
}

/** What the manifest holds besides its files. */
interface Saved {
  readonly identity: RunIdentity;
  readonly depth: number;
  readonly states: number;
  /** The symmetry plan the run was saved under: a resumed check finds which of its runs to resume by it. */
  readonly symmetry?: SymmetryPlan;
}

/**
 * The symmetry plan of the checkpoint in `dir`, if one can be read there
 * (what cannot is reported when the run opens it to resume).
 */
export async function savedSymmetry(dir: string): Promise<SymmetryPlan | undefined> {
  try {
    return (await checkpointFolder(dir)).open<Saved>().manifest.content?.symmetry;
  } catch (error) {
    if (error instanceof CheckpointError) return undefined;
    throw error;
  }
}

/** The engine's counters and findings, as JSON. */
interface EngineJson {
  readonly depth: number;
  readonly counters: Omit<EngineCounters, 'coverage'> & { readonly coverage: number[] };
  readonly findings: FirstFinding[];
}

export interface Checkpoints {
  /** The engine's hook, when checkpoints are saved. */
  readonly hook?: CheckpointHook;
  /** Where the engine carries on, when resuming. */
  readonly resumeFrom?: LevelBoundary;
}

/**
 * Opens the checkpoints of a run: refuses observers that cannot be saved,
 * a folder to save into that holds another run's checkpoint, and a
 * checkpoint to resume from that is damaged or of another run (with what
 * differs); restores the observers from it.
 */
export async function openCheckpoints(
  settings: CheckpointSettings,
  parts: Omit<IdentityParts, 'step' | 'version'>,
  observers: ReadonlyMap<string, TransitionObserver>,
  counts: { readonly actionCount: number; readonly weighted: boolean },
): Promise<Checkpoints> {
  const identity = runIdentity({ ...parts, step: settings.step, version: settings.version });
  const saved = new Map<string, Checkpointable>();
  for (const [property, observer] of observers) {
    if (!observer.saveTo || !observer.loadFrom) throw new CheckpointError(`${property} keeps what it saw in a form checkpoints cannot save: check it without --checkpoint or --resume`);
    saved.set(`observer.${property}`, observer as Checkpointable);
  }
  let resumeFrom: LevelBoundary | undefined;
  if (settings.resumeFrom !== undefined) {
    try {
      const folder = await checkpointFolder(settings.resumeFrom);
      const { manifest, reader } = folder.open<Saved>();
      const differences = identityDifferences(manifest.content?.identity ?? ({} as RunIdentity), identity);
      if (differences.length > 0) throw new CheckpointMismatch(`it was saved by a different run:\n  ${differences.join('\n  ')}`);
      resumeFrom = loadBoundary(reader, counts);
      for (const [name, part] of saved) part.loadFrom(reader, name);
    } catch (error) {
      if (!(error instanceof CheckpointError)) throw error;
      const Kind = error.constructor as new (message: string) => CheckpointError;
      throw new Kind(`cannot resume from ${settings.resumeFrom}: ${error.message}`);
    }
  }
  if (settings.saveTo === undefined) return resumeFrom ? { resumeFrom } : {};
  const folder = await checkpointFolder(settings.saveTo);
  if (settings.saveTo !== settings.resumeFrom && !settings.replacing && folder.holdsCheckpoint()) {
    throw new CheckpointError(`${settings.saveTo} already holds a checkpoint: resume it with --resume ${settings.saveTo}, or save into another folder`);
  }
  return { hook: saver(folder, settings, identity, parts.symmetry.plan, saved), ...(resumeFrom ? { resumeFrom } : {}) };
}

function saver(
  folder: CheckpointFolder,
  settings: CheckpointSettings,
  identity: RunIdentity,
  symmetry: SymmetryPlan,
  observers: ReadonlyMap<string, Checkpointable>,
): CheckpointHook {
  let last = Date.now();
  return {
    due: () => Date.now() - last >= settings.everyMs,
    save(boundary) {
      settings.onSaving?.();
      const content: Saved = { identity, depth: boundary.depth, states: boundary.store.size, symmetry };
      try {
        folder.save(`${boundary.depth}`, content, (out) => {
          saveBoundary(out, boundary);
          for (const [name, part] of observers) part.saveTo(out, name);
        });
      } catch (error) {
        if (!settings.onSaveFailed) throw error;
        settings.onSaveFailed(error as Error);
        return;
      } finally {
        last = Date.now();
      }
      settings.onSaved?.({ dir: folder.dir, depth: boundary.depth, states: boundary.store.size });
    },
  };
}

function saveBoundary(out: SnapshotWriter, boundary: LevelBoundary): void {
  boundary.store.saveTo(out, 'store');
  boundary.level.saveTo(out, 'level');
  if (boundary.weights) out.write('level.weights', [bytesOf(boundary.weights)]);
  const { coverage, ...counters } = boundary.counters;
  const json: EngineJson = { depth: boundary.depth, counters: { ...counters, coverage: [...coverage] }, findings: [...boundary.findings.values()] };
  out.write('engine.json', [Buffer.from(JSON.stringify(json))]);
}

function loadBoundary(from: SnapshotReader, counts: { readonly actionCount: number; readonly weighted: boolean }): LevelBoundary {
  let json: EngineJson;
  try {
    json = JSON.parse(Buffer.from(from.read('engine.json')).toString('utf8'));
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointCorrupt(`engine.json cannot be read: ${(error as Error).message}`);
  }
  const store = new StateStore();
  store.loadFrom(from, 'store');
  const level = new LevelBuffer();
  level.loadFrom(from, 'level');
  const weights = counts.weighted ? readColumn(from, 'level.weights', Uint32Array) : undefined;
  const { coverage, ...counters } = json.counters;
  // Checksums passed: a disagreement here is a checkpoint of another build, or a bug.
  if (coverage.length !== counts.actionCount * 3) throw new CheckpointCorrupt(`engine.json counts ${coverage.length / 3} actions, the alphabet has ${counts.actionCount}`);
  if (level.count === 0 || level.count > store.size) throw new CheckpointCorrupt(`the level holds ${level.count} states, the visited set ${store.size}`);
  if (weights && weights.length !== level.count) throw new CheckpointCorrupt(`${weights.length} orbit sizes for a level of ${level.count} states`);
  if (counts.weighted !== (counters.represented !== undefined)) throw new CheckpointCorrupt('engine.json and the symmetry plan disagree on whether orbits are counted');
  return {
    depth: json.depth,
    store,
    level,
    ...(weights ? { weights } : {}),
    counters: { ...counters, coverage: Uint32Array.from(coverage) },
    findings: new Map(json.findings.map((f) => [f.property, f])),
  };
}
