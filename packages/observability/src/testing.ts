import { createLogger, type Logger } from './logger';

/** A logger whose JSON lines are kept in `lines` (parsed), for tests. */
export function capturedLogger(level: 'info' | 'debug' | 'warn' = 'info'): {
  logger: Logger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    service: 'test',
    destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  return { logger, lines };
}
