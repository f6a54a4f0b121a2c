export * from './postgres';
export * from './kafka-mock';
export * from './esdb-container';
