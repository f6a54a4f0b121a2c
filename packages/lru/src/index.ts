export { Lru } from './lru';
