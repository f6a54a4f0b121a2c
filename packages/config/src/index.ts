export { configurationVariables, environmentSchema, loadConfig, type Config } from './env';
export { platformTopics } from './topics';
