/**
 * Operability for every service: structured JSON logs with redaction (pino),
 * request latency and logging middleware, /healthz and /readyz with dependency
 * checks, and gauges read at scrape time (bus lag, projector lag, counts).
 */
export { createLogger, errorCallback, REDACTED_PATHS, type Logger, type LoggerOptions, type LogLevel } from './logger';
export { requestObservability, type RequestObservabilityOptions } from './http';
export { healthRoutes, runChecks, type CheckResult, type HealthOptions, type ReadinessCheck } from './health';
export { busCheck, eventStoreCheck, sqlCheck } from './checks';
export {
  busLagGauge,
  projectorLagGauges,
  scrapedGauge,
  PROJECTOR_LAG_EVENTS_CAP,
  type Sample,
  type ScrapedGaugeOptions,
} from './gauges';
