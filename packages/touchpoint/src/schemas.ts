import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import type { Type } from 'avsc';
import { parsingCanonicalForm } from './canonical-form';
import { fingerprintHex, rabinOfText } from './rabin';
import { orderSchemaDocuments } from './schema-order';

/**
 * Loads every version of the Touchpoint contract from `schemas/touchpoint/v<N>/*.avsc`
 * (one named type per file), resolves named references across files through one
 * avsc registry per version, and fingerprints each version's root record
 * (`c360.touchpoint.Touchpoint`) by CRC-64-AVRO over its Parsing Canonical Form.
 *
 * The highest `v<N>` is the current version. Loading fails loudly (plain Error, at
 * start-up) on a missing root, an unresolved name, or two versions with the same
 * canonical form (they would be indistinguishable on the wire).
 */

export const TOUCHPOINT_RECORD = 'c360.touchpoint.Touchpoint';

/** Repository's `schemas/touchpoint`, found from this file (packages/touchpoint/src). */
export const DEFAULT_SCHEMA_DIR = fileURLToPath(new URL('../../../schemas/touchpoint/', import.meta.url));

/**
 * Unions of several records are wrapped (`{"c360.touchpoint.WebPayload": {...}}`, as in
 * Avro's JSON encoding); a `["null", T]` union is the plain value or null.
 */
export const AVSC_TYPE_OPTIONS = { wrapUnions: 'auto' } as const;

export interface SchemaVersion {
  /** Directory name, e.g. `v2`. */
  name: string;
  /** Numeric part of the name; versions sort by it. */
  number: number;
  type: Type;
  canonicalForm: string;
  /** CRC-64-AVRO of `canonicalForm`, unsigned. */
  fingerprint: bigint;
}

export interface TouchpointSchemas {
  /** Oldest first. */
  versions: readonly SchemaVersion[];
  /** The newest version: what this process writes and reads into by default. */
  current: SchemaVersion;
  byName(name: string): SchemaVersion | undefined;
  byFingerprint(fingerprint: bigint): SchemaVersion | undefined;
}

export function loadTouchpointSchemas(dir: string = DEFAULT_SCHEMA_DIR): TouchpointSchemas {
  const versions = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^v\d+$/.test(entry.name))
    .map((entry) => loadVersion(join(dir, entry.name), entry.name))
    .sort((a, b) => a.number - b.number);
  const current = versions.at(-1);
  if (current === undefined) throw new Error(`no schema versions (v<N>/ directories) in ${dir}`);

  const byFingerprint = new Map<bigint, SchemaVersion>();
  for (const version of versions) {
    const clash = byFingerprint.get(version.fingerprint);
    if (clash) {
      throw new Error(
        `touchpoint schemas ${clash.name} and ${version.name} have the same canonical form (fingerprint ${fingerprintHex(version.fingerprint)})`,
      );
    }
    byFingerprint.set(version.fingerprint, version);
  }
  const byName = new Map(versions.map((v) => [v.name, v]));
  return {
    versions,
    current,
    byName: (name) => byName.get(name),
    byFingerprint: (fingerprint) => byFingerprint.get(fingerprint),
  };
}

/** Builds one version from the .avsc files of a directory. */
export function loadVersion(dir: string, name: string): SchemaVersion {
  const documents = readdirSync(dir)
    .filter((file) => file.endsWith('.avsc'))
    .sort()
    .map((file) => ({ origin: join(dir, file), schema: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown }));
  const registry: Record<string, Type> = {};
  for (const doc of orderSchemaDocuments(documents)) {
    try {
      avro.Type.forSchema(doc.schema as Parameters<typeof avro.Type.forSchema>[0], { ...AVSC_TYPE_OPTIONS, registry });
    } catch (error) {
      throw new Error(`${doc.origin}: ${(error as Error).message}`, { cause: error });
    }
  }
  const type = registry[TOUCHPOINT_RECORD];
  if (type === undefined) throw new Error(`${dir}: no .avsc file defines ${TOUCHPOINT_RECORD}`);
  const canonicalForm = parsingCanonicalForm(type.schema());
  return { name, number: Number(name.slice(1)), type, canonicalForm, fingerprint: rabinOfText(canonicalForm) };
}
