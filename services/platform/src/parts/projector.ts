import { startProjector as startProjection } from '@c360/projector';
import { migrateReadModels } from '@c360/read-models';
import type { StartService } from './part';

/** The projector: builds profiles, identifiers and contact history from the event store. */
export const startProjector: StartService = async ({ sql, eventStore, keyring }) => {
  await migrateReadModels(sql);
  const projector = await startProjection({ store: await eventStore(), sql, sealer: await keyring() });
  return { stop: () => projector.stop() };
};
