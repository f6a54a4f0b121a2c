import type { RequestHandler } from 'express';

/**
 * CORS for browsers: analytics.js posts from the shop's origin with `fetch` (mode `cors`).
 * Its default `Content-Type: text/plain` makes that a simple request (no preflight), but the
 * browser still hides the answer — and analytics.js retries — unless the response allows
 * the origin. A custom `Content-Type` or header (analytics.js `deliveryStrategy.config.headers`)
 * triggers a preflight, answered by `preflight`. The write key is public by design (it sits in
 * every page), so any origin may send; the origin is echoed so `credentials: 'include'` works too.
 */
export const allowOrigin: RequestHandler = (request, response, next) => {
  const origin = request.get('origin');
  if (origin) {
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Access-Control-Allow-Credentials', 'true');
    response.vary('Origin');
  }
  next();
};

export const preflight: RequestHandler = (request, response) => {
  response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
  response.setHeader(
    'Access-Control-Allow-Headers',
    request.get('access-control-request-headers') ?? 'Content-Type, Authorization',
  );
  response.setHeader('Access-Control-Max-Age', '86400');
  response.status(204).end();
};
