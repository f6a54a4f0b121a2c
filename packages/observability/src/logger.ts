import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger } from 'pino';

export type LogLevel = Level | 'silent';

export interface LoggerOptions {
  level: LogLevel;
  /** Name of the deployable (`platform`, `ingestor`, …); on every line as `service`. */
  service: string;
  /** Where lines go (default: stdout). Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

const CENSOR = '[redacted]';

/** Fields that hold a secret or personal data: at the top of a logged object, or one or two levels down. */
const SENSITIVE_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-twilio-signature',
  'x-shopify-hmac-sha256',
  'password',
  'secret',
  'token',
  'accessToken',
  'adminToken',
  'apiToken',
  'writeKey',
  'masterKey',
  'email',
  'phone',
  'firstName',
  'lastName',
  'identifiers',
  'traits',
  'raw',
  'body',
];

/** pino redaction paths: each field at the top, under any key, and under any key of a key (`req.headers.authorization`). */
export const REDACTED_PATHS: readonly string[] = SENSITIVE_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const join = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key.startsWith('[') ? key : field, join('*'), join('*.*')];
});

/**
 * The platform's structured logger: one JSON object per line on stdout, with
 * `service` and `pid` on every line, ISO timestamps, and secrets and personal data
 * (authorization headers, write keys, tokens, e-mail, phone, first/last names, identifiers,
 * traits, raw bodies) replaced by "[redacted]" wherever they sit in a logged
 * object, up to three levels deep. Redaction is by field name: a secret inside a
 * free-text message is not found, so messages never interpolate values.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: CENSOR },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    // Synchronous writes to stdout by default, so nothing is lost at process.exit.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * The `(error) => void` callback the packages accept (collector, query API), as
 * error lines of `logger`.
 */
export function errorCallback(logger: Logger, message: string): (error: unknown) => void {
  return (error) => logger.error({ err: error }, message);
}
