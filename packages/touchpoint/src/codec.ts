import type { Type } from 'avsc';
import { CorruptMessageError, UnknownSchemaError } from './errors';
import { getTouchpointSchemas } from './default-schemas';
import { fingerprintHex } from './rabin';
import type { SchemaVersion, TouchpointSchemas } from './schemas';
import { frameSingleObject, parseSingleObject } from './single-object';
import type { Touchpoint } from './types';
import { invalidTouchpoint, touchpointIssues } from './validate';

/**
 * Touchpoint codec: Avro single-object encoding (`C3 01` + 8-byte little-endian
 * CRC-64-AVRO fingerprint + Avro binary body).
 *
 * - encode: validates (throws ValidationError naming each bad field), then writes
 *   with the codec's version.
 * - decode: looks the writer schema up by fingerprint among every known version and
 *   reads the body into the codec's version through an avsc resolver (built once per
 *   writer version, then cached). Throws UnknownSchemaError for a fingerprint it does
 *   not know and CorruptMessageError for anything that is not a well-formed message;
 *   it does not re-apply the semantic rules (old messages stay readable when rules
 *   tighten). Records decode as avsc record instances whose own fields are the data.
 *
 * Rolling out a new version: ship its .avsc files to every reader first (they then
 * decode it), and only then let writers use it.
 */
export interface TouchpointCodec<T = Touchpoint> {
  /** The version this codec writes and reads into, e.g. `v2`. */
  readonly version: string;
  readonly fingerprint: bigint;
  encode(touchpoint: T): Buffer;
  decode(message: Uint8Array): T;
}

export interface TouchpointCodecOptions {
  schemas?: TouchpointSchemas;
  /** Version to write and read into; defaults to the newest. Older ones serve rolling deploys and tests. */
  version?: string;
}

export function createTouchpointCodec<T = Touchpoint>(options: TouchpointCodecOptions = {}): TouchpointCodec<T> {
  const schemas = options.schemas ?? getTouchpointSchemas();
  const own = options.version === undefined ? schemas.current : schemas.byName(options.version);
  if (own === undefined) throw new Error(`unknown touchpoint schema version ${options.version}`);
  const readers = new Map<bigint, (body: Buffer) => unknown>();

  const readerFor = (fingerprint: bigint): ((body: Buffer) => unknown) => {
    let read = readers.get(fingerprint);
    if (read === undefined) {
      const writer = schemas.byFingerprint(fingerprint);
      if (writer === undefined) {
        throw new UnknownSchemaError(`unknown touchpoint schema fingerprint ${fingerprintHex(fingerprint)}`, {
          details: { fingerprint: fingerprintHex(fingerprint), known: schemas.versions.map(describe) },
        });
      }
      read = bodyReader(own.type, writer);
      readers.set(fingerprint, read);
    }
    return read;
  };

  return {
    version: own.name,
    fingerprint: own.fingerprint,
    encode(touchpoint) {
      const issues = touchpointIssues(touchpoint, own.type);
      if (issues.length > 0) throw invalidTouchpoint(issues);
      return frameSingleObject(own.fingerprint, own.type.toBuffer(touchpoint));
    },
    decode(message) {
      const { fingerprint, body } = parseSingleObject(message);
      const read = readerFor(fingerprint);
      try {
        return read(body) as T;
      } catch (error) {
        throw new CorruptMessageError(`touchpoint body does not decode: ${(error as Error).message}`, {
          cause: error,
          details: { fingerprint: fingerprintHex(fingerprint), length: message.byteLength },
        });
      }
    },
  };
}

/** Reads a body written with `writer` into `reader` (fromBuffer rejects truncated and trailing bytes). */
function bodyReader(reader: Type, writer: SchemaVersion): (body: Buffer) => unknown {
  if (writer.type === reader) return (body) => reader.fromBuffer(body);
  const resolver = reader.createResolver(writer.type);
  return (body) => reader.fromBuffer(body, resolver);
}

function describe(version: SchemaVersion): string {
  return `${version.name}=${fingerprintHex(version.fingerprint)}`;
}

let defaultCodec: TouchpointCodec | undefined;

/** Encodes with the newest schema version of the repository's schemas. */
export function encodeTouchpoint(touchpoint: Touchpoint): Buffer {
  defaultCodec ??= createTouchpointCodec();
  return defaultCodec.encode(touchpoint);
}

/** Decodes any known version into the newest one. */
export function decodeTouchpoint(message: Uint8Array): Touchpoint {
  defaultCodec ??= createTouchpointCodec();
  return defaultCodec.decode(message);
}
