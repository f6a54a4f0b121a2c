import express, { type Request, type RequestHandler } from 'express';

/**
 * Reads the body as bytes, whatever its Content-Type, up to `limit` bytes. A body over
 * the limit is refused with 413 `payload_too_large` (by the collector's error handler)
 * before anything is parsed — from Content-Length when the sender states it.
 */
export const rawBody = (limit: number): RequestHandler => express.raw({ type: () => true, limit });

/** The bytes `rawBody` read; empty when the request had no body. */
export const bodyBytes = (request: Request): Buffer => (Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
