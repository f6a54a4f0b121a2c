import type { RecordedEvent } from '@c360/event-store';
import type { CustomerEvent } from '@c360/identity';
import type { Explanation } from './explanation';
import { initials, maskIdentifier, maskTrait, maskTraits } from './masking';
import type { Profile } from './profiles';

/**
 * What each endpoint answers, for a caller who sees personal values in `clear` or
 * masked. Every personal value passes through here on its way out.
 */

export function profileView(profile: Profile, clear: boolean): Profile {
  if (clear) return profile;
  return {
    ...profile,
    displayName: profile.displayName === null ? null : initials(profile.displayName),
    identifiers: profile.identifiers.map(({ type, value }) => ({ type, value: maskIdentifier(type, value) })),
    traits: maskTraits(profile.traits),
  };
}

/** A search hit: the profile without its traits. */
export function summaryView(profile: Profile, clear: boolean) {
  const { customerId, displayName, identifiers, firstSeenAt, lastSeenAt, channels, touchpointCount } = profileView(
    profile,
    clear,
  );
  return { customerId, displayName, identifiers, firstSeenAt, lastSeenAt, channels, touchpointCount };
}

export function explanationView(explanation: Explanation, clear: boolean): Explanation {
  if (clear) return explanation;
  return {
    ...explanation,
    identifiers: explanation.identifiers.map((link) => ({ ...link, value: maskIdentifier(link.type, link.value) })),
  };
}

/** Personal parts of an opened event masked; the touchpoint's context and channel payload left out (null). */
function maskedData(event: CustomerEvent): CustomerEvent['data'] {
  switch (event.type) {
    case 'IdentifierLinked': {
      const { identifier } = event.data;
      return { ...event.data, identifier: { ...identifier, value: maskIdentifier(identifier.type, identifier.value) } };
    }
    case 'TouchpointRecorded': {
      const traits = Object.fromEntries(
        Object.entries(event.data.traits).map(([key, text]) => {
          let value: unknown = text;
          try {
            value = JSON.parse(text);
          } catch {
            // kept as text
          }
          return [key, JSON.stringify(maskTrait(key, value))];
        }),
      );
      return {
        ...event.data,
        identifiers: event.data.identifiers.map((i) => ({ ...i, value: maskIdentifier(i.type, i.value) })),
        traits,
        context: null,
        payload: null,
      };
    }
    default:
      return event.data;
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** One event of a customer's history with its provenance: where it is stored, what caused it, under which rules. */
export function eventView(recorded: RecordedEvent, opened: CustomerEvent, clear: boolean) {
  const data = clear ? opened.data : maskedData(opened);
  return {
    type: opened.type,
    streamId: recorded.streamId,
    revision: String(recorded.streamRevision),
    globalPosition: String(recorded.globalPosition),
    recordedAt: recorded.recordedAt.toISOString(),
    metadata: {
      causationId: text(recorded.metadata.causationId),
      correlationId: text(recorded.metadata.correlationId),
      ruleVersion: text(recorded.metadata.ruleVersion),
      decidedAt: text(recorded.metadata.recordedAt),
    },
    data,
    ...(opened.type === 'TouchpointRecorded' ? { source: opened.data.source } : {}),
    ...(clear ? {} : { masked: true }),
  };
}
