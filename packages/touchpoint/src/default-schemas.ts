import { loadTouchpointSchemas, type TouchpointSchemas } from './schemas';

/** The repository's schemas, loaded once on first use (synchronous file reads). */
let schemas: TouchpointSchemas | undefined;

export function getTouchpointSchemas(): TouchpointSchemas {
  schemas ??= loadTouchpointSchemas();
  return schemas;
}
