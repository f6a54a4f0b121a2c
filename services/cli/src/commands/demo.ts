import type { Command } from 'commander';
import { action, type RunState } from '../context';
import { CliError, EXIT, usageError } from '../exit-codes';
import type { Io } from '../io';
import { DEFAULT_PEOPLE, DEFAULT_SEED, MAX_PEOPLE, progressRenderer, runDemo } from '../demo';

const whole = (text: string, name: string, max: number): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw usageError(`${name} must be a whole number from 1 to ${max}`);
  return n;
};

/** `c360 demo`: a generated population sent through the platform's channel endpoints (services/cli/src/demo). */
export function registerDemo(program: Command, io: Io, state: RunState): void {
  program
    .command('demo')
    .description('send a generated population (shoppers, calls, e-mail, web) through the channels (admin token)')
    .option('--people <n>', 'how many people', String(DEFAULT_PEOPLE))
    .option('--seed <text>', 'the same seed yields the same people and ids', DEFAULT_SEED)
    .option('--concurrency <n>', 'requests in flight at once', '4')
    .option('--no-wait', 'do not wait for the profiles to appear in the query API')
    .action(
      action<{ people: string; seed: string; concurrency: string; wait: boolean }>(
        io,
        state,
        async ({ settings, out }, _args, options) => {
          const people = whole(options.people, '--people', MAX_PEOPLE);
          const concurrency = whole(options.concurrency, '--concurrency', 64);
          const adminToken = await settings.token();
          if (!adminToken) {
            throw new CliError('no credential: the demo needs an admin token (--token, C360_TOKEN)', {
              exitCode: EXIT.auth,
              code: 'no_credential',
            });
          }
          const progress = out.json ? { update: () => undefined, done: () => undefined } : progressRenderer(io.stderr);
          const result = await runDemo({
            url: settings.url,
            adminToken,
            seed: options.seed,
            people,
            concurrency,
            wait: options.wait,
            onProgress: (event) => progress.update(event),
          }).finally(() => progress.done());
          const s = result.sent;
          out.result(result, () =>
            [
              `demo seed "${result.seed}": ${result.people.length} people sent`,
              `  touchpoints  pos ${s.pos} · call center ${s.call_center} · email ${s.email} · web ${s.web}`,
              ...(result.profiles
                ? [
                    `  profiles     ${result.profiles.profiles} built for ${result.profiles.people} people · ${result.profiles.touchpoints} of ${result.profiles.expectedTouchpoints} touchpoints in them`,
                    ...(result.profiles.complete
                      ? []
                      : ['  (the pipeline is still catching up: look again in a moment)']),
                  ]
                : []),
            ].join('\n'),
          );
          return result.profiles && !result.profiles.complete ? EXIT.failed : EXIT.ok;
        },
      ),
    );
}
