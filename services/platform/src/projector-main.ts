import { runServices } from './run';

/** `npm run start:projector`, and the projector's container: the projector alone, configured by the environment. */
runServices({ only: 'projector' });
