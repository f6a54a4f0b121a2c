export { eventStoreContract, type ContractTarget } from './contract';
export { key, lastPosition, newEvents, readAllFrom, sleep, uniqueStream } from './fixtures';
