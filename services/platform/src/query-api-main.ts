import { runServices } from './run';

/** `npm run start:query-api`, and the query-api's container: the query-api alone, configured by the environment. */
runServices({ only: 'query-api' });
