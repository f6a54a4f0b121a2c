import { runServices } from './run';

/** `npm start`: every service in one process (or those C360_SERVICES names), on the embedded default unless configured otherwise. */
runServices();
