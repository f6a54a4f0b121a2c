import type { Express, Router } from 'express';
import type { Resources } from '../resources';

/** One service of the platform, started in this process. */
export interface ServicePart {
  /** Its HTTP endpoints, mounted on the process's one port; absent for a pure consumer. */
  routes?: Router | Express;
  /** Stops its consumers gracefully; called after the HTTP server stopped taking requests. */
  stop(): Promise<void>;
}

/** Starts a service from what the process shares; it migrates and opens only what it needs. */
export type StartService = (resources: Resources) => Promise<ServicePart>;
