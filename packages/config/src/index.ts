export { configurationVariables, environmentSchema, loadConfig, type Config } from './env';
