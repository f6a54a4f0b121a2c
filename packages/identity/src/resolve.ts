import type { Touchpoint } from '@c360/touchpoint';
import { customerExists, identifierCounts, type CustomerState } from './customer';
import type { CustomerEvent, IdentifierRef, IdentityConflictDetected, RecordedIdentifier } from './events';
import { refKey } from './events';
import type { NormalisedIdentifier } from './normalise';
import type { IdentityPolicy } from './policy';
import { customerStream, eventId, newCustomerId } from './streams';

/** A normalised identifier with the keyed hash of its value (null unless valid). */
export type HashedIdentifier = NormalisedIdentifier & { hash: string | null };

export interface ResolutionInput {
  touchpoint: Touchpoint;
  identifiers: readonly HashedIdentifier[];
  /** Reservation owner of each claimed identifier (by `refKey`): the customer that claimed it first. */
  owners: ReadonlyMap<string, string>;
  /** State of every owner, of every customer on their `mergedInto` chains and of everything they absorbed. */
  customers: ReadonlyMap<string, CustomerState>;
  policy: IdentityPolicy;
}

export interface Claim {
  ref: IdentifierRef;
  customerId: string;
}

/** Events to append, customer by customer, in order; each carries its deterministic id. */
export interface CustomerChange {
  customerId: string;
  events: (CustomerEvent & { id: string })[];
}

export interface Resolution {
  /** The customer the touchpoint belongs to. */
  customerId: string;
  /** Reservation streams to claim (expected revision "no stream"). */
  claims: Claim[];
  changes: CustomerChange[];
  /** True when the touchpoint was already recorded (a redelivery): no TouchpointRecorded is emitted again. */
  duplicate: boolean;
}

/**
 * Identity resolution for one touchpoint — deterministic, pure, and explainable:
 *
 * 1. Matchable identifiers are taken strongest first (policy rank). Each one either
 *    is unclaimed (it will be linked, if the per-type limit allows), or leads to its
 *    owner — followed along merges to the live customer — which joins the group
 *    unless that would break a limit, contradict stronger evidence, or re-merge
 *    customers an unmerge separated. Evidence not acted on is recorded as
 *    `IdentityConflictDetected` on the customer the touchpoint goes to.
 * 2. "Contradicting evidence" guards shared values (a family e-mail, a shared tablet,
 *    a recycled phone number): an identifier of a type the policy marks `shared`
 *    may not join two sides that each already hold an identifier of a stronger type.
 * 3. No customer in the group → a new customer, whose id derives from the touchpoint.
 *    Several → they merge into the oldest (earliest `createdAt`, then lowest id).
 *
 * Every event id derives from (touchpoint, stream, role), so deciding again after a
 * crash or a redelivery produces the same events, and appends stay idempotent.
 */
export function resolveTouchpoint(input: ResolutionInput): Resolution {
  const { touchpoint, policy } = input;
  const cause = touchpoint.touchpointId;
  const rank = (type: string) => policy.types[type as keyof IdentityPolicy['types']].rank;
  const liveOwner = (customerId: string) => followMerges(customerId, input.customers);

  const candidates = input.identifiers
    .filter(
      (id): id is HashedIdentifier & { status: 'valid'; hash: string } => id.status === 'valid' && id.hash !== null,
    )
    .filter((id) => policy.types[id.type].matchable)
    .sort((a, b) => rank(b.type) - rank(a.type));

  const group: string[] = [];
  const fresh: (IdentifierRef & { value: string })[] = [];
  const relinks: (IdentifierRef & { value: string })[] = [];
  const conflicts: IdentityConflictDetected['data'][] = [];
  const evidence = new Map<string, IdentifierRef[]>();
  const groupRefs = (): IdentifierRef[] => [
    ...fresh,
    ...group.flatMap((c) => [...state(input.customers, c).identifiers.values()]),
  ];

  for (const id of candidates) {
    const ref: IdentifierRef = { type: id.type, hash: id.hash };
    const claimedBy = input.owners.get(refKey(ref));
    if (claimedBy === undefined) {
      const held = groupRefs().filter((r) => r.type === id.type).length;
      if (held + 1 > policy.types[id.type].limit) {
        conflicts.push(
          conflict(
            cause,
            policy.ruleVersion,
            'limit_exceeded',
            ref,
            null,
            `${id.type} limit ${policy.types[id.type].limit} reached`,
          ),
        );
      } else {
        fresh.push({ ...ref, value: id.value });
      }
      continue;
    }
    const owner = liveOwner(claimedBy);
    if (owner === claimedBy && !input.customers.get(owner)?.identifiers.has(refKey(ref))) {
      // Claimed but never linked: an earlier attempt stopped between the two appends.
      relinks.push({ ...ref, value: id.value });
    }
    if (group.includes(owner)) {
      evidence.get(owner)!.push(ref);
      continue;
    }
    const ownerState = state(input.customers, owner);
    const refusal = refuseJoin({ policy, ref, mine: groupRefs(), theirs: [...ownerState.identifiers.values()] });
    const separated = group.find(
      (c) => ownerState.separatedFrom.has(c) || state(input.customers, c).separatedFrom.has(owner),
    );
    if (separated !== undefined) {
      conflicts.push(
        conflict(cause, policy.ruleVersion, 'separated', ref, owner, `an unmerge separated ${owner} from ${separated}`),
      );
    } else if (refusal) {
      conflicts.push(conflict(cause, policy.ruleVersion, refusal.reason, ref, owner, refusal.detail));
    } else {
      group.push(owner);
      evidence.set(owner, [ref]);
    }
  }

  const survivor = group.length === 0 ? newCustomerId(cause) : oldest(group, input.customers);
  const changes = new Changes(cause);
  const survivorState = input.customers.get(survivor);
  if (!survivorState || !customerExists(survivorState)) {
    changes.add(survivor, 'created', {
      type: 'CustomerCreated',
      data: { customerId: survivor, touchpointId: cause, createdAt: touchpoint.receivedAt },
    });
  }
  for (const loser of group.filter((c) => c !== survivor)) {
    const proof = evidence.get(loser) ?? [];
    changes.add(loser, `merged:${survivor}`, {
      type: 'CustomerMerged',
      data: { into: survivor, touchpointId: cause, ruleVersion: policy.ruleVersion, evidence: proof },
    });
    changes.add(survivor, `absorbed:${loser}`, {
      type: 'CustomerAbsorbed',
      data: {
        from: loser,
        touchpointId: cause,
        ruleVersion: policy.ruleVersion,
        evidence: proof,
        identifiers: [...state(input.customers, loser).identifiers.values()],
      },
    });
  }
  for (const ref of relinks) {
    const owner = input.owners.get(refKey(ref))!;
    changes.add(owner, `link:${refKey(ref)}`, {
      type: 'IdentifierLinked',
      data: { identifier: ref, touchpointId: cause },
    });
  }
  for (const ref of fresh) {
    changes.add(survivor, `link:${refKey(ref)}`, {
      type: 'IdentifierLinked',
      data: { identifier: ref, touchpointId: cause },
    });
  }
  for (const data of conflicts) {
    changes.add(survivor, `conflict:${refKey(data.identifier)}`, { type: 'IdentityConflictDetected', data });
  }
  const duplicate = recordedUnder(survivor, cause, input.customers);
  if (!duplicate) changes.add(survivor, 'touchpoint', touchpointRecorded(touchpoint, input.identifiers));

  return {
    customerId: survivor,
    claims: fresh.map(({ type, hash }) => ({ ref: { type, hash }, customerId: survivor })),
    changes: changes.list(),
    duplicate,
  };
}

/** The live customer `customerId` ended up in, following merges (a cycle is a corrupt history). */
export function followMerges(customerId: string, customers: ReadonlyMap<string, CustomerState>): string {
  let current = customerId;
  for (let hops = 0; hops < 1000; hops += 1) {
    const next = customers.get(current)?.mergedInto;
    if (!next) return current;
    current = next;
  }
  throw new Error(`merge chain from ${customerId} does not end`);
}

function refuseJoin(options: {
  policy: IdentityPolicy;
  ref: IdentifierRef;
  mine: IdentifierRef[];
  theirs: IdentifierRef[];
}): { reason: 'limit_exceeded' | 'contradicting_evidence'; detail: string } | null {
  const { policy, ref, mine, theirs } = options;
  const countsMine = identifierCounts(mine);
  for (const [type, count] of identifierCounts(theirs)) {
    const limit = policy.types[type as IdentifierRef['type']].limit;
    if ((countsMine.get(type) ?? 0) + count > limit) {
      return { reason: 'limit_exceeded', detail: `joining would hold more than ${limit} ${type}` };
    }
  }
  if (policy.types[ref.type].shared) {
    const stronger = (r: IdentifierRef) => policy.types[r.type].rank > policy.types[ref.type].rank;
    const mineStrong = new Set(mine.filter(stronger).map((r) => r.type));
    const clash = theirs.filter(stronger).find((r) => mineStrong.has(r.type));
    if (clash) {
      return {
        reason: 'contradicting_evidence',
        detail: `shared ${ref.type} joins two sides that each hold a different ${clash.type}`,
      };
    }
  }
  return null;
}

function state(customers: ReadonlyMap<string, CustomerState>, customerId: string): CustomerState {
  const found = customers.get(customerId);
  if (!found) throw new Error(`resolution needs the state of customer ${customerId}, which was not loaded`);
  return found;
}

function oldest(group: string[], customers: ReadonlyMap<string, CustomerState>): string {
  const key = (id: string) => state(customers, id).createdAt ?? Number.MAX_SAFE_INTEGER;
  return [...group].sort((a, b) => key(a) - key(b) || (a < b ? -1 : a > b ? 1 : 0))[0]!;
}

/** Whether the touchpoint is already in `customerId`'s stream or in any customer it absorbed. */
function recordedUnder(
  customerId: string,
  touchpointId: string,
  customers: ReadonlyMap<string, CustomerState>,
): boolean {
  const seen = new Set<string>();
  const visit = (id: string): boolean => {
    if (seen.has(id)) return false;
    seen.add(id);
    const found = customers.get(id);
    if (!found) return false;
    if (found.touchpoints.has(touchpointId)) return true;
    return [...found.absorbed.keys()].some(visit);
  };
  return visit(customerId);
}

function conflict(
  touchpointId: string,
  ruleVersion: string,
  reason: IdentityConflictDetected['data']['reason'],
  identifier: IdentifierRef,
  otherCustomerId: string | null,
  detail: string,
): IdentityConflictDetected['data'] {
  return { touchpointId, ruleVersion, reason, identifier, otherCustomerId, detail };
}

function touchpointRecorded(touchpoint: Touchpoint, identifiers: readonly HashedIdentifier[]): CustomerEvent {
  const recorded: RecordedIdentifier[] = identifiers.map((id) => ({
    type: id.type,
    value: id.value,
    status: id.status,
    hash: id.hash,
    reason: id.status === 'valid' ? null : id.reason,
  }));
  return {
    type: 'TouchpointRecorded',
    data: {
      touchpointId: touchpoint.touchpointId,
      channel: touchpoint.channel,
      touchpointType: touchpoint.type,
      occurredAt: touchpoint.occurredAt,
      receivedAt: touchpoint.receivedAt,
      source: touchpoint.source,
      identifiers: recorded,
      consent: touchpoint.consent,
      locale: touchpoint.locale,
      traits: touchpoint.traits,
      context: touchpoint.context,
      payload: touchpoint.payload,
    },
  };
}

/** Collects events per customer in first-touched order, each with its deterministic id. */
class Changes {
  private readonly byCustomer = new Map<string, (CustomerEvent & { id: string })[]>();
  constructor(private readonly cause: string) {}

  add(customerId: string, role: string, event: CustomerEvent): void {
    const events = this.byCustomer.get(customerId) ?? [];
    events.push({ ...event, id: eventId(this.cause, customerStream(customerId), role) } as CustomerEvent & {
      id: string;
    });
    this.byCustomer.set(customerId, events);
  }

  list(): CustomerChange[] {
    return [...this.byCustomer].map(([customerId, events]) => ({ customerId, events }));
  }
}
