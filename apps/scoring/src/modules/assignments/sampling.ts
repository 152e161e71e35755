import { periodStart, SamplingPeriod } from './sampling-period';

export interface SamplingPolicyConfig {
  /** Share of each agent's calls per period, 0..1. */
  share: number;
  period: SamplingPeriod;
  /** Calls per agent and period sampled whatever the share (the first ones of the period). */
  minimumPerAgent: number;
  criticalFail: boolean;
  complaints: boolean;
  needsHumanReview: boolean;
  /** Usernames of the QA staff who get the sampled calls, in round-robin order. */
  reviewers: string[];
  dueHours: number;
  /** Where a period's days begin and end. */
  timezone: string;
}

export interface PolicyState {
  id: string;
  tenantId: string;
  config: SamplingPolicyConfig;
  /** Round-robin position: the next reviewer is reviewers[nextReviewer % reviewers.length]. */
  nextReviewer: number;
}

export interface SamplingCandidate {
  evaluationId: string;
  tenantId: string;
  callId: string;
  agentId: string;
  callStartedAt: Date;
  criticalFailed: boolean;
  complaint: boolean;
  /** A failed finding of an item marked needsHumanReview. */
  needsHumanReview: boolean;
}

export const SAMPLING_REASONS = [
  'critical_fail',
  'complaint',
  'needs_human_review',
  'share',
  'minimum',
] as const;
export type SamplingReason = (typeof SAMPLING_REASONS)[number];

export interface Counter {
  seen: number;
  sampled: number;
}

export interface AssignmentDecision {
  evaluationId: string;
  tenantId: string;
  callId: string;
  agentId: string;
  policyId: string;
  reasons: SamplingReason[];
  assignee: string;
  dueAt: Date;
}

/** Joins the parts of a counter key: a control character that ids and dates do not hold. */
export const KEY_SEPARATOR = '\u001f';

export const counterKey = (policyId: string, agentId: string, period: string): string =>
  [policyId, agentId, period].join(KEY_SEPARATOR);

/** The counter a candidate moves under a policy. */
export function counterKeyOf(policy: PolicyState, c: SamplingCandidate): string {
  const { period, timezone } = policy.config;
  return counterKey(policy.id, c.agentId, periodStart(c.callStartedAt, period, timezone));
}

// share × seen can land a hair under an integer (0.57 × 100 = 56.99…).
const quota = (seen: number, share: number) => Math.floor(seen * share + 1e-9);

/**
 * Decides which evaluations are sampled and who reviews them. Pure and deterministic: calls are
 * taken in start order; the share is systematic per agent and period (the k-th call is sampled
 * when floor(k × share) grows, so after n calls exactly floor(n × share) were sampled for it);
 * until an agent has `minimumPerAgent` sampled calls in the period, every call tops it up.
 * A call is sampled when any of its tenant's policies says so; the first such policy (in the
 * given order) assigns it. `counters` and the policies' round-robin positions are updated.
 */
export function decideSampling(
  candidates: readonly SamplingCandidate[],
  policiesByTenant: ReadonlyMap<string, readonly PolicyState[]>,
  counters: Map<string, Counter>,
  now: Date,
): AssignmentDecision[] {
  const ordered = [...candidates].sort(
    (a, b) =>
      a.callStartedAt.getTime() - b.callStartedAt.getTime() || a.callId.localeCompare(b.callId),
  );
  const out: AssignmentDecision[] = [];
  for (const c of ordered) {
    let assigner: PolicyState | undefined;
    const reasons = new Set<SamplingReason>();
    for (const policy of policiesByTenant.get(c.tenantId) ?? []) {
      const key = counterKeyOf(policy, c);
      const counter = counters.get(key) ?? { seen: 0, sampled: 0 };
      counters.set(key, counter);
      const matched = reasonsFor(policy.config, c, counter);
      if (matched.length === 0) continue;
      counter.sampled += 1;
      assigner ??= policy;
      matched.forEach((r) => reasons.add(r));
    }
    if (!assigner) continue;
    const { reviewers, dueHours } = assigner.config;
    const assignee = reviewers[assigner.nextReviewer % reviewers.length];
    assigner.nextReviewer += 1;
    out.push({
      evaluationId: c.evaluationId,
      tenantId: c.tenantId,
      callId: c.callId,
      agentId: c.agentId,
      policyId: assigner.id,
      reasons: SAMPLING_REASONS.filter((r) => reasons.has(r)),
      assignee,
      dueAt: new Date(now.getTime() + dueHours * 3_600_000),
    });
  }
  return out;
}

function reasonsFor(
  p: SamplingPolicyConfig,
  c: SamplingCandidate,
  counter: Counter,
): SamplingReason[] {
  counter.seen += 1;
  const reasons: SamplingReason[] = [];
  if (p.criticalFail && c.criticalFailed) reasons.push('critical_fail');
  if (p.complaints && c.complaint) reasons.push('complaint');
  if (p.needsHumanReview && c.needsHumanReview) reasons.push('needs_human_review');
  if (quota(counter.seen, p.share) > quota(counter.seen - 1, p.share)) reasons.push('share');
  if (reasons.length === 0 && counter.sampled < p.minimumPerAgent) reasons.push('minimum');
  return reasons;
}

/**
 * Item ids a scorecard definition marks `needsHumanReview: true` (on the item, or in its params).
 * Read defensively: the flag is optional and a stored definition may predate it.
 */
export function itemsNeedingHumanReview(definition: unknown): Set<string> {
  const items = (definition as { items?: unknown } | null)?.items;
  const out = new Set<string>();
  if (!Array.isArray(items)) return out;
  for (const raw of items as unknown[]) {
    if (!raw || typeof raw !== 'object') continue;
    const item = raw as { id?: unknown; needsHumanReview?: unknown; params?: unknown };
    const params = item.params as { needsHumanReview?: unknown } | undefined;
    if (
      typeof item.id === 'string' &&
      (item.needsHumanReview === true || params?.needsHumanReview === true)
    )
      out.add(item.id);
  }
  return out;
}
