import { runServices } from './run';

/** `npm run start:collector`, and the collector's container: the collector alone, configured by the environment. */
runServices({ only: 'collector' });
