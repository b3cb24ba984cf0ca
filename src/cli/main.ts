#!/usr/bin/env node
// The virtcheck command-line program.
import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
// Only what every invocation needs is imported here: each command's module
// (the checker, the thread pool, the report) is imported when that command
// runs, so that `--help`, `describe` or `replay` do not load the checker.
import { ConfigError, ConfigSyntaxError } from '../state/config.js';
import { DEFAULT_PROPERTIES, PROPERTY_NAMES, type PropertyName } from '../props/property.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './load.js';
import { ResultFormatError } from '../report/html/result-input.js';
import type { StepReference } from '../workers/model-source.js';
import { VERSION } from '../report/version.js';
import { defaultMemoryLimit, parseSize } from './memory-limit.js';
import { formatBytes } from '../report/units.js';
import { quote } from '../state/quote.js';
import { diskFullMessage } from './disk-full.js';

function count(what: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${what} must be a whole number of at least ${min}.`);
    }
    return n;
  };
}

function size(value: string): number {
  const bytes = parseSize(value);
  if (bytes === null) throw new InvalidArgumentError('give a size such as 512M or 4G.');
  return bytes;
}

function properties(value: string): PropertyName[] {
  const names = value.split(',').map((p) => p.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError('name at least one property.');
  for (const name of names) {
    if (!(PROPERTY_NAMES as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(`unknown property ${quote(name)} (known: ${PROPERTY_NAMES.join(', ')}).`);
    }
  }
  return [...new Set(names)] as PropertyName[];
}

/** `<module>#<export>`: a module path or URL and the name of its step function export. */
function stepReference(value: string): StepReference {
  const hash = value.lastIndexOf('#');
  if (hash <= 0 || hash === value.length - 1) throw new InvalidArgumentError('name a module and an export, as <module>#<export>.');
  const module = value.slice(0, hash);
  const isUrl = /^[a-z][a-z0-9+.-]+:/i.test(module) && !isAbsolute(module);
  return { module: isUrl ? module : pathToFileURL(resolve(module)).href, name: value.slice(hash + 1) };
}

function workersOption(help: string): Option {
  return new Option('--workers <n>', help).argParser(count('--workers', 1)).default(availableParallelism(), 'the number of cores');
}

// Runs a variant of the executable specification (planted bugs, in tests); the real one when absent.
const STEP_OPTION = new Option('--step <module#export>').argParser(stepReference).hideHelp();

/** The step function named by --step, or the executable specification. */
async function stepOf(o: Record<string, unknown>): Promise<StepReference> {
  return (o.step as StepReference | undefined) ?? (await import('../workers/model-source.js')).REAL_STEP;
}

const JSON_HELP = 'print the result JSON on standard output instead of the text summary';
const OUT_HELP = 'folder for the result JSON and counterexample traces';

const program = new Command()
  .name('virtcheck')
  .description('Exhaustive bounded model checker for the VirtualCert model of a hypervisor')
  .version(VERSION, '-V, --version', 'print the version')
  .exitOverride()
  .showHelpAfterError('(virtcheck help <command> lists its options)');

program
  .command('check')
  .description('explore every reachable state of a configuration and check its properties')
  .argument('<config>', 'configuration file (JSON)')
  .option('--depth <n>', 'explore states at most this many actions from the initial state', count('--depth', 0))
  .addOption(
    new Option('--props <list>', `properties to check, comma-separated (${PROPERTY_NAMES.join(', ')})`)
      .argParser(properties)
      .default(DEFAULT_PROPERTIES, DEFAULT_PROPERTIES.join(',')),
  )
  .option('--max-states <n>', 'stop after storing this many distinct states', count('--max-states', 1))
  .option('--time-limit <s>', 'stop after this many seconds', count('--time-limit', 1))
  .option('--stop-on-first', 'stop at the first violation of any property')
  .option('--exhaustive', 'go on to the fixpoint once every property is violated, for exact counts (as TLC\'s -continue)')
  .option('--symmetry', 'explore one state per orbit of the symmetry group (interchangeable OSes, data values) where sound for the properties (the default)')
  .option('--no-symmetry', 'explore every state')
  .addOption(workersOption('threads that expand states: the main thread, which also deduplicates, and n - 1 worker threads'))
  // Worker threads start with the first full batch (smaller levels are expanded in the main thread); tests of the threads start them at once and give them every batch.
  .addOption(new Option('--threads-at-once').hideHelp())
  .addOption(STEP_OPTION)
  .addOption(
    new Option('--memory-limit <size>', 'stop cleanly, keeping the partial result, when the resident memory of the process reaches this (512M, 4G)')
      .argParser(size)
      .default(defaultMemoryLimit(), `${formatBytes(defaultMemoryLimit())}, 80% of the memory available`),
  )
  .addOption(
    new Option('--spill-budget <size>', 'bytes the visited set and the queue may hold in memory; past them they spill to disk and the run goes on (not with availability)')
      .argParser(size)
      .default(undefined, 'half the memory limit'),
  )
  .option('--work-dir <dir>', 'where spilled files go, in a folder of the run\'s that is removed when it ends (default: the results folder)')
  // Milliseconds between progress lines (a second on a terminal, a minute elsewhere); tests shorten it.
  .addOption(new Option('--progress-interval <ms>').argParser(count('--progress-interval', 1)).hideHelp())
  .option('--json', JSON_HELP)
  .option('--out <dir>', OUT_HELP, 'results')
  .option('--no-write', 'write no files (with --json, the counterexample traces go in the JSON)')
  .option('--html', 'also write an HTML report next to the result JSON')
  .option('--checkpoint <dir>', 'save the run into this folder at level boundaries (every --checkpoint-every seconds, and on Ctrl-C or SIGTERM), to carry it on with --resume')
  .option('--checkpoint-every <s>', 'seconds between checkpoints, at least (default 300; 0: at every level)', count('--checkpoint-every', 0))
  .option('--resume <dir>', 'carry on the run saved in this checkpoint folder (same configuration, properties and options), saving further checkpoints there')
  .action(async (config: string, o: Record<string, unknown>) => {
    const { runCheck } = await import('./check-command.js');
    process.exitCode = await runCheck(config, {
      properties: o.props as PropertyName[],
      limits: {
        maxDepth: o.depth as number | undefined,
        maxStates: o.maxStates as number | undefined,
        timeLimitMs: o.timeLimit === undefined ? undefined : (o.timeLimit as number) * 1000,
        stopOnFirst: o.stopOnFirst === true,
        exhaustive: o.exhaustive === true,
      },
      symmetry: o.symmetry !== false,
      json: o.json === true,
      out: o.out as string,
      write: o.write !== false,
      html: o.html === true,
      workers: o.workers as number,
      threadsAtOnce: o.threadsAtOnce === true,
      step: await stepOf(o),
      memoryLimitBytes: o.memoryLimit as number,
      spillBudgetBytes: o.spillBudget as number | undefined,
      workDir: o.workDir as string | undefined,
      progressIntervalMs: o.progressInterval as number | undefined,
      checkpoint: o.checkpoint as string | undefined,
      checkpointEverySeconds: o.checkpointEvery as number | undefined,
      resume: o.resume as string | undefined,
    });
  });

program
  .command('estimate')
  .description('estimate the state count, time and memory of a check from a short sample of it')
  .argument('<config>', 'configuration file (JSON)')
  .option('--budget <s>', 'seconds of breadth-first search to sample', count('--budget', 1), 10)
  .option('--max-states <n>', 'stop the sample after storing this many distinct states', count('--max-states', 1))
  .addOption(
    new Option('--props <list>', `properties the check would verify (${PROPERTY_NAMES.join(', ')})`)
      .argParser(properties)
      .default(DEFAULT_PROPERTIES, DEFAULT_PROPERTIES.join(',')),
  )
  .option('--symmetry', 'estimate the run with symmetry reduction where sound for the properties (the default)')
  .option('--no-symmetry', 'estimate the run without symmetry reduction')
  .addOption(
    new Option('--workers <n>', 'threads that expand states in the check (the sample runs them too)')
      .argParser(count('--workers', 1))
      .default(availableParallelism(), 'the number of cores'),
  )
  .option('--json', 'print the estimate as JSON')
  .action(async (config: string, o: Record<string, unknown>) => {
    const { runEstimate } = await import('./estimate-command.js');
    process.exitCode = await runEstimate(config, {
      properties: o.props as PropertyName[],
      symmetry: o.symmetry !== false,
      budgetSeconds: o.budget as number,
      maxStates: o.maxStates as number | undefined,
      json: o.json === true,
      workers: o.workers as number,
    });
  });

program
  .command('simulate')
  .description('check random walks where exhaustive search cannot go; shrink what they find and prove it minimal when affordable')
  .argument('<config>', 'configuration file (JSON)')
  .addOption(
    new Option('--props <list>', `properties to check, comma-separated (${PROPERTY_NAMES.join(', ')}; availability is not checked by simulation)`)
      .argParser(properties)
      .default(DEFAULT_PROPERTIES, DEFAULT_PROPERTIES.join(',')),
  )
  .addOption(new Option('--seed <n>', 'seed of the walks, the same seed giving the same walks (default: a random seed, printed)').argParser(count('--seed', 0)))
  .option('--walk-length <n>', 'actions per walk', count('--walk-length', 1), 100)
  .option('--walks <n>', 'walks at most', count('--walks', 1), 10_000)
  .option('--time-limit <s>', 'stop walking after this many seconds', count('--time-limit', 1))
  .option('--proof-states <n>', 'states the minimality search (breadth-first, to depth L-1) may store', count('--proof-states', 1), 2_000_000)
  .option('--view-classes <n>', 'view classes per OS the step-consistency table keeps', count('--view-classes', 1), 1_000_000)
  .addOption(workersOption('worker threads that run walks'))
  .addOption(STEP_OPTION)
  .option('--json', JSON_HELP)
  .option('--out <dir>', OUT_HELP, 'results')
  .option('--no-write', 'write no files')
  .action(async (config: string, o: Record<string, unknown>) => {
    const { runSimulate } = await import('./simulate-command.js');
    process.exitCode = await runSimulate(config, {
      properties: o.props as PropertyName[],
      seed: (o.seed as number | undefined) ?? randomInt(2 ** 32),
      walkLength: o.walkLength as number,
      walks: o.walks as number,
      timeLimitMs: o.timeLimit === undefined ? undefined : (o.timeLimit as number) * 1000,
      proofStates: o.proofStates as number,
      viewClasses: o.viewClasses as number,
      workers: o.workers as number,
      json: o.json === true,
      out: o.out as string,
      write: o.write !== false,
      step: await stepOf(o),
    });
  });

program
  .command('replay')
  .description('re-execute an ITF counterexample trace with the executable specification')
  .argument('<trace>', 'trace file (.itf.json)')
  .requiredOption('--config <config>', 'the configuration the trace belongs to')
  .action(async (trace: string, o: { config: string }) => {
    const { runReplay } = await import('./replay-command.js');
    process.exitCode = runReplay(trace, o.config);
  });

program
  .command('report')
  .description('write a self-contained HTML report of a result JSON, with its counterexamples drawn')
  .argument('<result>', 'result file (.json) written by check, its traces beside it')
  .option('--out <file>', 'the HTML file to write (default: the result file with .html)')
  .action(async (result: string, o: { out?: string }) => {
    const { runReport } = await import('./report-command.js');
    process.exitCode = runReport(result, o.out);
  });

program
  .command('describe')
  .description('show the context and action alphabet a configuration gives')
  .argument('<config>', 'configuration file (JSON)')
  .option('--actions', 'list every action of the alphabet with its index')
  .action(async (config: string, o: { actions?: boolean }) => {
    const { describeConfig } = await import('./describe.js');
    console.log(describeConfig(config, o.actions === true));
  });

/**
 * The error classes of the commands' modules, imported when an error is to be
 * mapped (a command that threw one has already loaded its module).
 */
async function commandErrors() {
  const [{ TraceFormatError }, { ReportInputError }, { WorkerFailure }, { SpillCorruption }] = await Promise.all([
    import('../trace/itf.js'),
    import('../report/html/replayed.js'),
    import('../workers/pool.js'),
    import('../engine/disk/block-file.js'),
  ]);
  return { TraceFormatError, ReportInputError, WorkerFailure, SpillCorruption };
}

/** Maps an error to its exit code, with a one-line message (no stack trace for the user's mistakes). */
async function exitCodeOf(error: unknown): Promise<number> {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  const { TraceFormatError, ReportInputError, WorkerFailure, SpillCorruption } = await commandErrors();
  if (error instanceof ConfigError) {
    console.error(`virtcheck: invalid configuration: ${error.message}`);
    return EXIT.badConfig;
  }
  if (error instanceof ReportInputError) {
    console.error(`virtcheck: ${error.message}`);
    return EXIT.traceMismatch;
  }
  if (error instanceof ConfigSyntaxError || error instanceof UsageError || error instanceof TraceFormatError || error instanceof ResultFormatError) {
    console.error(`virtcheck: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof SpillCorruption) {
    console.error(`virtcheck: ${error.message}; the run gives no verdict`);
    return EXIT.workDirCorrupt;
  }
  const diskFull = diskFullMessage(error);
  if (diskFull !== null) {
    console.error(`virtcheck: ${diskFull}`);
    return EXIT.diskFull;
  }
  if (error instanceof WorkerFailure) {
    const cause = error.cause instanceof Error ? (error.cause.stack ?? error.cause.message) : String(error.cause);
    console.error(`virtcheck: ${error.message}\n${cause}`);
    return EXIT.internal;
  }
  console.error(`virtcheck: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT.internal;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = await exitCodeOf(error);
}
