import { booleanMap, readObject, readString, readStringMap, type Issues, type JsonObject } from './fields';

/**
 * A call's `context` (Spec: Common Fields → Context), split into what the touchpoint has a
 * field for and the rest, which travels unchanged in the touchpoint's `context` map
 * (device, os, app, screen, timezone, location, network, referrer, groupId, …).
 */
export interface SegmentContext {
  ip: string | null;
  userAgent: string | null;
  /** BCP 47 (`en_US` is read as `en-US`); an unusable value stays in `rest`. */
  locale: string | null;
  page: PageFields;
  campaign: Record<string, string> | null;
  library: { name: string | null; version: string | null };
  traits: JsonObject;
  /** `context.direct: true` asks for the request's IP (HTTP API → "Collecting IP Address"). */
  direct: boolean;
  /** `context.device.type` (`ios`, `android`, …) — a hint for the device type. */
  deviceType: string | null;
  /** Segment Consent Management's `context.consent.categoryPreferences`, when it is `{ category: boolean }`. */
  consent: Record<string, boolean> | null;
  rest: JsonObject;
}

export interface PageFields {
  url: string | null;
  path: string | null;
  referrer: string | null;
  title: string | null;
}

/** Context fields the touchpoint keeps in fields of its own; everything else stays in `rest`. */
const LIFTED = ['ip', 'userAgent', 'page', 'campaign', 'library', 'traits'] as const;
const BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** Page fields from an object (context.page, or a page call's properties), type-checked at `path`. */
export function readPageFields(object: JsonObject | null, path: string, issues: Issues): PageFields {
  const field = (name: keyof PageFields) => readString(object?.[name], `${path}.${name}`, issues);
  return { url: field('url'), path: field('path'), referrer: field('referrer'), title: field('title') };
}

export function readContext(value: unknown, path: string, issues: Issues): SegmentContext {
  const context = readObject(value, path, issues) ?? {};
  const at = (name: string) => `${path}.${name}`;
  const library = readObject(context.library, at('library'), issues);
  const device = readObject(context.device, at('device'), issues);
  const rawLocale = readString(context.locale, at('locale'), issues)?.replace(/_/g, '-') ?? null;
  const locale = rawLocale !== null && BCP47.test(rawLocale) ? rawLocale : null;

  const rest: JsonObject = {};
  for (const [key, entry] of Object.entries(context)) {
    if (!(LIFTED as readonly string[]).includes(key) && !(key === 'locale' && locale !== null)) rest[key] = entry;
  }
  return {
    ip: readString(context.ip, at('ip'), issues),
    userAgent: readString(context.userAgent, at('userAgent'), issues),
    locale,
    page: readPageFields(readObject(context.page, at('page'), issues), at('page'), issues),
    campaign: readStringMap(context.campaign, at('campaign'), issues),
    library: {
      name: readString(library?.name, at('library.name'), issues),
      version: readString(library?.version, at('library.version'), issues),
    },
    traits: readObject(context.traits, at('traits'), issues) ?? {},
    direct: context.direct === true,
    deviceType: readString(device?.type, at('device.type'), issues),
    consent: booleanMap(readObject(context.consent, at('consent'), issues)?.categoryPreferences),
    rest,
  };
}
