import { createQueryApi, migrateQueryApi } from '@c360/query-api';
import { migrateReadModels } from '@c360/read-models';
import type { StartService } from './part';

/** The query API: profiles, contact and event history, as-of, merges; reads the projector's tables. */
export const startQueryApi: StartService = async ({ sql, policy, log, eventStore, keyring }) => {
  await migrateReadModels(sql);
  await migrateQueryApi(sql);
  const queryApi = createQueryApi({ sql, store: await eventStore(), keyring: await keyring(), policy, log });
  return { routes: queryApi.router, stop: async () => undefined };
};
