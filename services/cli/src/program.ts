import { Command, CommanderError, Option } from 'commander';
import { registerCredentials } from './commands/credentials';
import { registerCustomer } from './commands/customer';
import { registerDemo } from './commands/demo';
import { registerDlq } from './commands/dlq';
import { registerImport } from './commands/import';
import { registerProjections } from './commands/projections';
import { registerQuarantine } from './commands/quarantine';
import type { RunState } from './context';
import { CliError, EXIT, type ExitCode } from './exit-codes';
import type { Io } from './io';

/** Extra commands registered by other modules (e.g. `demo`). */
export type CommandModule = (program: Command, io: Io, state: RunState) => void;

/** The `c360` program: global options, then one command group per module. */
export function buildProgram(io: Io, state: RunState, modules: readonly CommandModule[] = []): Command {
  const program = new Command('c360')
    .description('Command line of the customer-360 platform, an HTTP client of a running platform.')
    .addOption(new Option('--url <url>', 'the platform (default http://localhost:8080)').env('C360_URL'))
    .addOption(new Option('--token <token>', 'API token for admin and query commands').env('C360_TOKEN'))
    .addOption(new Option('--write-key <key>', 'write key of a source, for imports').env('C360_WRITE_KEY'))
    .option('--json', 'print one machine-readable JSON document on stdout')
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText(
      'after',
      `
Credentials fall back to <C360_DATA_DIR or ./data>/local-credentials.json, written by the
embedded platform on its first start.
Exit codes: 0 ok · 1 the operation failed or found a problem · 2 usage · 3 authentication
or authorization · 4 the platform could not be reached.`,
    );
  // `.env()` reads process.env; a run reads the Io's environment instead.
  for (const option of program.options) {
    if (option.envVar) option.envVar = undefined;
  }
  registerImport(program, io, state);
  registerProjections(program, io, state);
  registerCustomer(program, io, state);
  registerQuarantine(program, io, state);
  registerDlq(program, io, state);
  registerCredentials(program, io, state);
  registerDemo(program, io, state);
  for (const register of modules) register(program, io, state);
  return program;
}

/**
 * Runs `c360` with `argv` (the arguments after the program name) and answers the exit
 * code (see exit-codes.ts). Never throws and never exits the process: errors are
 * reported on stderr (with `--json`, as `{ "error": … }` on stdout).
 */
export async function run(argv: readonly string[], io: Io, modules: readonly CommandModule[] = []): Promise<ExitCode> {
  const state: RunState = { exitCode: EXIT.ok };
  const program = buildProgram(io, state, modules);
  const json = argv.includes('--json');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version end with "errors" too; their exit code is 0
      if (error.exitCode === 0) return EXIT.ok;
      if (json)
        writeJsonError(io, { code: 'usage', message: error.message.replace(/^error: /, ''), details: {} }, EXIT.usage);
      return EXIT.usage;
    }
    const failure =
      error instanceof CliError
        ? error
        : new CliError(`failed: ${(error as Error)?.message ?? String(error)}`, {
            exitCode: EXIT.failed,
            code: 'internal_error',
          });
    if (json) writeJsonError(io, failure, failure.exitCode);
    else io.stderr.write(`c360: ${failure.message}\n`);
    return failure.exitCode;
  }
}

function writeJsonError(
  io: Io,
  error: { code: string; message: string; details: Record<string, unknown> },
  exitCode: ExitCode,
): void {
  const document = { error: { code: error.code, message: error.message, details: error.details }, exitCode };
  io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}
