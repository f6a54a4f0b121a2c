export {
  configurationVariables,
  environmentSchema,
  loadConfig,
  serviceNames,
  type Config,
  type ServiceName,
} from './env';
export { platformTopics } from './topics';
