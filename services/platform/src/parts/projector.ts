import { apiTokenStore } from '@c360/auth';
import { projectionAdminRoutes, startProjector as startProjection } from '@c360/projector';
import { migrateReadModels } from '@c360/read-models';
import type { StartService } from './part';

/**
 * The projector: builds profiles, identifiers and contact history from the event store;
 * its admin routes rebuild or verify them while it runs (/v1/admin/projections/…).
 */
export const startProjector: StartService = async ({ sql, eventStore, keyring, log }) => {
  await migrateReadModels(sql);
  const [store, sealer] = [await eventStore(), await keyring()];
  const projector = await startProjection({ store, sql, sealer });
  const routes = projectionAdminRoutes({ sql, store, sealer, tokens: apiTokenStore(sql), log });
  return { routes, stop: () => projector.stop() };
};
