import type { Command } from 'commander';
import { EXIT, type ExitCode } from './exit-codes';
import { platformClient, type PlatformClient } from './http';
import type { Io } from './io';
import { output, type Output } from './output';
import { progressBar, type Progress } from './progress';
import { resolveSettings, type GlobalOptions, type Settings } from './settings';

/** What a command's action works with. */
export interface CommandContext {
  io: Io;
  settings: Settings;
  client: PlatformClient;
  out: Output;
  /** A progress bar on stderr (drawn only on a terminal, never with --json). */
  progress(): Progress;
}

/** The exit code of the run, set by the action that ran. */
export interface RunState {
  exitCode: ExitCode;
}

/**
 * Wraps an action: resolves the global options into a context, runs `handler` with
 * the positional arguments and the command's own options, and keeps its exit code
 * (none returned: 0). Errors propagate to `run`, which reports them.
 */
export function action<Options extends Record<string, unknown> = Record<string, unknown>>(
  io: Io,
  state: RunState,
  handler: (ctx: CommandContext, args: string[], options: Options) => Promise<ExitCode | void>,
) {
  return async (...received: unknown[]): Promise<void> => {
    const command = received.at(-1) as Command;
    const globals = command.optsWithGlobals<GlobalOptions>();
    const settings = resolveSettings(globals, io);
    const ctx: CommandContext = {
      io,
      settings,
      client: platformClient(settings),
      out: output(io, settings.json),
      progress: () => progressBar(io.stderr, !settings.json),
    };
    const args = command.args.slice(0, command.registeredArguments.length);
    state.exitCode = (await handler(ctx, args, command.opts<Options>())) ?? EXIT.ok;
  };
}
