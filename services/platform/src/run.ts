import { loadConfig, type Config, type ServiceName } from '@c360/config';
import { C360Error, ValidationError } from '@c360/errors';
import { createLogger } from '@c360/observability';
import { banner } from './banner';
import { startPlatform } from './platform';

/**
 * The one runner behind every entry point: validates the configuration, starts the
 * services, prints the banner, stops gracefully on SIGTERM/SIGINT (exit 0) and exits
 * 1 with the error's code when start-up fails. `only` pins an entry point to one
 * service; a `C360_SERVICES` naming anything else is refused rather than ignored.
 */
export function runServices(options: { only?: ServiceName } = {}): void {
  run(options).catch((error: unknown) => {
    const message =
      error instanceof C360Error ? `${error.code}: ${error.message}` : String((error as Error)?.message ?? error);
    // The configuration may be what failed, so this line does not depend on its log level; on stderr, as a failed command's reason.
    createLogger({ level: 'info', service: options.only ?? 'platform', destination: process.stderr }).fatal(
      { err: error },
      `customer-360 failed to start: ${message}`,
    );
    process.exit(1);
  });
}

async function run(options: { only?: ServiceName }): Promise<void> {
  const config = pinned(loadConfig(), options.only);
  const logger = createLogger({
    level: config.C360_LOG_LEVEL,
    service: config.C360_SERVICES.length === 1 ? config.C360_SERVICES[0]! : 'platform',
  });
  const platform = await startPlatform(config, { logger });
  // The banner is for the person who typed `npm start`: plain text; every other line is JSON.
  console.log(banner(platform));

  const stop = async (signal: string): Promise<void> => {
    logger.info({ signal }, 'stopping (finishing requests in flight, stopping consumers)');
    try {
      await platform.stop();
    } catch (error) {
      logger.fatal({ err: error }, 'stop failed');
      process.exit(1);
    }
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

function pinned(config: Config, only: ServiceName | undefined): Config {
  if (!only) return config;
  const fromEnv = process.env.C360_SERVICES?.trim();
  if (fromEnv && (config.C360_SERVICES.length !== 1 || config.C360_SERVICES[0] !== only)) {
    throw new ValidationError(
      `invalid configuration: C360_SERVICES is "${fromEnv}", but this entry point runs only the ${only}`,
      {
        issues: [{ path: 'C360_SERVICES', message: `must be "${only}" or unset here` }],
        code: 'invalid_configuration',
      },
    );
  }
  return { ...config, C360_SERVICES: [only] };
}
