export { busContract, type BusContractEnv } from './contract';
export { keyedMessages, orderProblems, recordingConsumer, sleep, text, uniqueName, waitFor } from './helpers';
