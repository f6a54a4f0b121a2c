import { runServices } from './run';

/** `npm run start:ingestor`, and the ingestor's container: the ingestor alone, configured by the environment. */
runServices({ only: 'ingestor' });
