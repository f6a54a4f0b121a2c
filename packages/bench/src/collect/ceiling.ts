/**
 * The ceiling: a bare express app on the same loopback whose `POST /v1/batch` only
 * parses the body as the collector does (express.json, any Content-Type, the same
 * 500 KB limit) and answers what the collector answers on success — 200
 * `{"success":true}` — without auth, validation, mapping or a bus.
 */
import express from 'express';
import { MAX_BATCH_BYTES } from '@c360/channel-web';
import { listen, type Listening } from './server';

export async function startCeiling(): Promise<Listening> {
  const app = express();
  app.disable('x-powered-by');
  app.post('/v1/batch', express.json({ type: () => true, limit: MAX_BATCH_BYTES }), (_request, response) => {
    response.status(200).json({ success: true });
  });
  return listen(app);
}
