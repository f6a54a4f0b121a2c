import { createQueryApi, migrateQueryApi } from '@c360/query-api';
import { migrateReadModels } from '@c360/read-models';
import { errorCallback } from '@c360/observability';
import type { StartService } from './part';

/** The query API: profiles, contact and event history, as-of, merges; reads the projector's tables. */
export const startQueryApi: StartService = async ({ sql, policy, logger, eventStore, keyring }) => {
  await migrateReadModels(sql);
  await migrateQueryApi(sql);
  const queryApi = createQueryApi({
    sql,
    store: await eventStore(),
    keyring: await keyring(),
    policy,
    log: errorCallback(logger.child({ component: 'query-api' }), 'query API request failed'),
  });
  return { routes: queryApi.router, stop: async () => undefined };
};
