export { startProjector, PROFILE_PROJECTION, type Projector, type ProjectorOptions } from './projector';
export { rebuildProjection, verifyProjection, type ReplayProgress, type VerifyReport } from './rebuild';
export { projectionAdminRoutes, type ProjectionAdminDeps, type ProjectionJobLine } from './admin-routes';
