#!/usr/bin/env node
// The virtcheck command-line program.
import { Command, CommanderError } from 'commander';
import { ConfigError, ConfigSyntaxError } from '../state/config.js';
import { describeConfig } from './describe.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './load.js';

const program = new Command()
  .name('virtcheck')
  .description('Exhaustive bounded model checker for the VirtualCert model of a hypervisor')
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

program
  .command('describe')
  .description('show the context and action alphabet a configuration gives')
  .argument('<config>', 'configuration file (JSON)')
  .option('--actions', 'list every action of the alphabet with its index')
  .action((config: string, options: { actions?: boolean }) => {
    console.log(describeConfig(config, options.actions === true));
  });

/** Maps an error to its exit code and a one-line message (no stack trace for the user's mistakes). */
function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof ConfigError) {
    console.error(`virtcheck: invalid configuration: ${error.message}`);
    return EXIT.badConfig;
  }
  if (error instanceof ConfigSyntaxError || error instanceof UsageError) {
    console.error(`virtcheck: ${error.message}`);
    return EXIT.usage;
  }
  console.error(`virtcheck: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT.internal;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeOf(error);
}
