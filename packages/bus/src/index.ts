export * from './port';
export { murmur2, partitionFor } from './partitioner';
