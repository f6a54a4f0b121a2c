import { z } from 'zod';
import { ValidationError } from '@c360/errors';

const blankToUndefined = (value: unknown): unknown => (value === '' ? undefined : value);
/** Kafka's rule for topic names. */
const topicName = /^[a-zA-Z0-9._-]{1,249}$/;
/** 32 bytes as hex, or as base64/base64url (43 characters carry exactly 32 bytes). */
const masterKeyText = /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/;
const optionalUrl = z.preprocess(blankToUndefined, z.string().url().optional());

/** The platform's services; each can run alone or with the others in one process. */
export const serviceNames = ['collector', 'ingestor', 'projector', 'query-api'] as const;
export type ServiceName = (typeof serviceNames)[number];
/** `a, b,a` → `['a', 'b']`; blank → undefined (the default). */
const commaList = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const items = value.split(',').map((item) => item.trim());
  return items.some(Boolean) ? [...new Set(items.filter(Boolean))] : undefined;
};

/**
 * Every environment variable the platform reads, validated once at start-up. The
 * README's configuration table lists the same variables; a test keeps them in step.
 */
export const environmentSchema = z.object({
  /** Where the embedded default keeps its PGlite database. */
  C360_DATA_DIR: z.preprocess(blankToUndefined, z.string().min(1).default('./data')),
  /** A PostgreSQL server; absent means PGlite under C360_DATA_DIR. */
  DATABASE_URL: optionalUrl,
  /** Which event store: PostgreSQL (server or PGlite) or EventStoreDB/KurrentDB. */
  C360_EVENT_STORE: z.preprocess(blankToUndefined, z.enum(['postgres', 'esdb']).default('postgres')),
  /** EventStoreDB connection string (esdb://host:2113?tls=false); required when C360_EVENT_STORE=esdb. */
  ESDB_URL: z.preprocess(blankToUndefined, z.string().startsWith('esdb').optional()),
  /** Which bus: the embedded log in PostgreSQL tables, or Kafka. */
  C360_BUS: z.preprocess(blankToUndefined, z.enum(['postgres', 'kafka']).default('postgres')),
  /** Comma-separated Kafka bootstrap servers; required when C360_BUS=kafka. */
  KAFKA_BROKERS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/)
      .optional(),
  ),
  /** Topic names and the partition count used when the platform creates them. */
  C360_TOPIC_TOUCHPOINTS: z.preprocess(blankToUndefined, z.string().regex(topicName).default('c360.touchpoints')),
  C360_TOPIC_QUARANTINE: z.preprocess(
    blankToUndefined,
    z.string().regex(topicName).default('c360.touchpoints.quarantine'),
  ),
  C360_TOPIC_DLQ: z.preprocess(blankToUndefined, z.string().regex(topicName).default('c360.touchpoints.dlq')),
  C360_TOPIC_PARTITIONS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1000).default(12)),
  /** Which services this process runs (comma-separated); default: all of them, as `npm start` does. */
  C360_SERVICES: z.preprocess(
    commaList,
    z
      .array(z.enum(serviceNames))
      .min(1)
      .default([...serviceNames]),
  ),
  /** The HTTP port of this process (every service in it, /healthz, /readyz and /metrics). */
  C360_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
  /** When set, a web write key / an admin API token with this secret exist after start (for scripts and tests). */
  C360_BOOTSTRAP_WRITE_KEY: z.preprocess(blankToUndefined, z.string().min(24).optional()),
  C360_BOOTSTRAP_ADMIN_TOKEN: z.preprocess(blankToUndefined, z.string().min(24).optional()),
  /** SendGrid's Signed Event Webhook public key (base64); when set, unsigned or badly signed events are refused. */
  C360_SENDGRID_VERIFICATION_KEY: z.preprocess(blankToUndefined, z.string().min(40).optional()),
  /** Twilio auth token; when set, Voice status callbacks without a valid X-Twilio-Signature are refused. */
  C360_TWILIO_AUTH_TOKEN: z.preprocess(blankToUndefined, z.string().min(16).optional()),
  /** Shopify app client secret; when set, the Shopify order/refund webhooks are served (and verified with it). */
  C360_SHOPIFY_WEBHOOK_SECRET: z.preprocess(blankToUndefined, z.string().min(16).optional()),
  /** The platform's public base URL (e.g. https://c360.example.com), as webhook senders sign it. */
  C360_PUBLIC_URL: optionalUrl,
  /** Largest CSV import body (calls.csv, receipts.csv) in bytes; it is streamed, so this bounds time, not memory. */
  C360_CSV_IMPORT_MAX_BYTES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1024).default(268_435_456)),
  /**
   * Key that wraps the per-customer data keys and the identifier-hash key: 32 bytes,
   * base64 or hex. Absent on the embedded default: generated once into
   * <C360_DATA_DIR>/master.key (owner-readable only).
   */
  C360_MASTER_KEY: z.preprocess(
    blankToUndefined,
    z.string().trim().regex(masterKeyText, 'must be 32 bytes as base64 or hex').optional(),
  ),
  /** Region (ISO 3166 alpha-2) assumed for phone numbers written without a country code. */
  C360_DEFAULT_PHONE_REGION: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 region, e.g. US, GB, CN')
      .default('US'),
  ),
  /** Log level (pino levels). */
  C360_LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type Config = z.infer<typeof environmentSchema>;

/** Parses the environment; a bad value is a `ValidationError` naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    throw new ValidationError(`invalid configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
      issues,
      code: 'invalid_configuration',
    });
  }
  const config = parsed.data;
  if (config.C360_EVENT_STORE === 'esdb' && !config.ESDB_URL) {
    throw new ValidationError('invalid configuration: ESDB_URL is required when C360_EVENT_STORE=esdb', {
      issues: [{ path: 'ESDB_URL', message: 'required when C360_EVENT_STORE=esdb' }],
      code: 'invalid_configuration',
    });
  }
  if (config.C360_BUS === 'kafka' && !config.KAFKA_BROKERS) {
    throw new ValidationError('invalid configuration: KAFKA_BROKERS is required when C360_BUS=kafka', {
      issues: [{ path: 'KAFKA_BROKERS', message: 'required when C360_BUS=kafka' }],
      code: 'invalid_configuration',
    });
  }
  return config;
}

/** The variable names, for documentation checks. */
export const configurationVariables = Object.keys(environmentSchema.shape) as (keyof Config)[];
