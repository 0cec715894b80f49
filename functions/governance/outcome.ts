import type { VotingRule } from './kinds.ts';
import type { Ballot, VoteResult } from './request.ts';

/**
 * How a vote is counted (ToR §13b, §30). Every partner is eligible, one ballot each (the last
 * one cast before closing). The quorum is a share of all partners that must have voted
 * (abstentions count for it); the motion passes when the ballots for are more than `majority`
 * of the ballots for and against (abstentions do not count there); with `namedPartnerVeto`, the
 * partner a request names must not have voted against.
 */
export function countVotes(
  rule: VotingRule,
  partnerIds: readonly string[],
  ballots: readonly Ballot[],
  namedPartnerId: string | undefined,
  closedAt: string,
): VoteResult {
  const eligible = new Set(partnerIds);
  const counted: Record<string, Ballot['choice']> = {};
  for (const ballot of ballots) if (eligible.has(ballot.partnerId)) counted[ballot.partnerId] = ballot.choice;
  const choices = Object.values(counted);
  const tally = (choice: Ballot['choice']) => choices.filter((c) => c === choice).length;
  const [forVotes, against, abstain] = [tally('for'), tally('against'), tally('abstain')];
  const quorumMet = choices.length >= Math.ceil(rule.quorum * eligible.size);
  const namedPartnerObjected = rule.namedPartnerVeto && !!namedPartnerId && counted[namedPartnerId] === 'against';
  const decisive = forVotes + against;
  const passed = quorumMet && !namedPartnerObjected && decisive > 0 && forVotes > rule.majority * decisive;
  return {
    eligible: eligible.size,
    voted: choices.length,
    for: forVotes,
    against,
    abstain,
    quorumMet,
    namedPartnerObjected,
    passed,
    closedAt,
    ballots: counted,
  };
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** The rule in words, shown on the request and in its emails. */
export function describeRule(rule: VotingRule): string {
  const parts = [
    rule.quorum > 0 ? `quorum: ${percent(rule.quorum)} of the partners vote` : 'no quorum',
    `passes with more than ${percent(rule.majority)} of the votes for and against in favour (abstentions not counted)`,
  ];
  if (rule.namedPartnerVeto) parts.push('and the partner named does not vote against');
  return parts.join('; ');
}
