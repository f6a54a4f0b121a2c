/** Demo data: a generated population sent through the platform's real channel endpoints. */
export { generateDemo, planCounts, type GenerateOptions } from './generate';
export type { DemoFacts, DemoPerson, DemoPlan, DemoChannel, LoyaltyCard } from './model';
export { DEMO_NUMBERS } from './numbers';
export { MAX_PEOPLE } from './people';
export { progressRenderer, type ProgressStream } from './progress';
export { DEFAULT_PEOPLE, DEFAULT_SEED, runDemo, type DemoProgress, type DemoResult, type RunDemoOptions } from './run';
export { profilesSeen, type ProfilesSeen } from './verify';
