import type { SqlExecutor } from '@c360/sql';
import { membersOf } from '@c360/read-models';

/**
 * Why these identities are one customer, from the read models: each identifier
 * link, each merge (and its reversal) touching the customer or one of its members,
 * and the evidence that was recorded but not acted on (conflicts). Clear values:
 * the caller masks identifier values for roles that may not see them.
 */
export interface Explanation {
  customerId: string;
  members: string[];
  identifiers: { type: string; value: string; customerId: string; touchpointId: string; linkedAt: string }[];
  merges: {
    absorbedId: string;
    survivorId: string;
    evidence: unknown;
    touchpointId: string;
    ruleVersion: string;
    mergedAt: string;
    revertedAt: string | null;
    reason: string | null;
  }[];
  conflicts: {
    customerId: string;
    touchpointId: string | null;
    ruleVersion: string | null;
    reason: unknown;
    identifier: unknown;
    otherCustomerId: unknown;
    detail: unknown;
    recordedAt: string;
  }[];
}

export async function explainCustomer(sql: SqlExecutor, liveId: string): Promise<Explanation> {
  const members = await membersOf(sql, liveId);
  const [identifiers, merges, conflicts] = await Promise.all([
    sql.query<{
      type: string;
      value: string;
      customer_id: string;
      touchpoint_id: string;
      linked_at: Date;
    }>(
      `SELECT type, value, customer_id, touchpoint_id, linked_at FROM rm_identifiers
        WHERE owner_id = $1 ORDER BY linked_at, type, value`,
      [liveId],
    ),
    sql.query<{
      absorbed_id: string;
      survivor_id: string;
      evidence: unknown;
      touchpoint_id: string;
      rule_version: string;
      merged_at: Date;
      reverted_at: Date | null;
      revert_reason: string | null;
    }>(
      `SELECT absorbed_id, survivor_id, evidence, touchpoint_id, rule_version, merged_at, reverted_at, revert_reason
         FROM rm_merges WHERE absorbed_id = ANY($1) OR survivor_id = ANY($1)
        ORDER BY merged_at, absorbed_id`,
      [members],
    ),
    sql.query<{
      customer_id: string;
      touchpoint_id: string | null;
      rule_version: string | null;
      detail: Record<string, unknown> | null;
      recorded_at: Date;
    }>(
      `SELECT customer_id, touchpoint_id, rule_version, detail, recorded_at FROM rm_identity_log
        WHERE customer_id = ANY($1) AND kind = 'conflict' ORDER BY global_position`,
      [members],
    ),
  ]);
  return {
    customerId: liveId,
    members,
    identifiers: identifiers.rows.map((r) => ({
      type: r.type,
      value: r.value,
      customerId: r.customer_id,
      touchpointId: r.touchpoint_id,
      linkedAt: r.linked_at.toISOString(),
    })),
    merges: merges.rows.map((r) => ({
      absorbedId: r.absorbed_id,
      survivorId: r.survivor_id,
      evidence: r.evidence,
      touchpointId: r.touchpoint_id,
      ruleVersion: r.rule_version,
      mergedAt: r.merged_at.toISOString(),
      revertedAt: r.reverted_at?.toISOString() ?? null,
      reason: r.revert_reason,
    })),
    conflicts: conflicts.rows.map((r) => ({
      customerId: r.customer_id,
      touchpointId: r.touchpoint_id,
      ruleVersion: r.rule_version,
      reason: r.detail?.reason ?? null,
      identifier: r.detail?.identifier ?? null,
      otherCustomerId: r.detail?.otherCustomerId ?? null,
      detail: r.detail?.detail ?? null,
      recordedAt: r.recorded_at.toISOString(),
    })),
  };
}
