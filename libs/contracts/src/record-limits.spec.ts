import { FindingOutcome } from './generated/qa/v1/evaluation';
import {
  CALL_TOPIC_MAX_MESSAGE_BYTES,
  LARGEST_TOPIC_MESSAGE_BYTES,
  topicMaxMessageBytes,
} from './record-limits';
import { Codecs, dlqTopic, Topics } from './topics';

describe(topicMaxMessageBytes.name, () => {
  it('sizes the topics that carry a call or its evidence, their dead letters above them', () => {
    for (const t of [Topics.CallRaw, Topics.CallIngested, Topics.EvaluationScored]) {
      expect(topicMaxMessageBytes(t)).toBe(CALL_TOPIC_MAX_MESSAGE_BYTES);
      expect(topicMaxMessageBytes(dlqTopic(t))).toBe(LARGEST_TOPIC_MESSAGE_BYTES);
    }
    expect(LARGEST_TOPIC_MESSAGE_BYTES).toBeGreaterThan(CALL_TOPIC_MAX_MESSAGE_BYTES);
    expect(topicMaxMessageBytes(Topics.KpiUpdated)).toBeUndefined();
  });

  it('holds an evaluation listing the most hits the engine keeps (20,000 of 50 characters)', () => {
    const evidence = Array.from({ length: 20_000 }, (_, i) => ({
      segment: 1999,
      start: 4950 - (i % 50),
      end: 5000,
      text: '禁'.repeat(50),
    }));
    const bytes = Codecs[Topics.EvaluationScored]
      .encode({
        evaluationId: 'e'.repeat(36),
        callId: 'c'.repeat(128),
        tenantId: 't'.repeat(128),
        agentId: 'a'.repeat(128),
        teamId: 'm'.repeat(128),
        scorecardId: 's'.repeat(128),
        scorecardVersion: 1,
        score: 0,
        grade: '不及格',
        findings: [
          {
            ruleId: 'forbidden.phrases',
            itemId: 'forbidden',
            section: '沟通',
            outcome: FindingOutcome.FINDING_OUTCOME_FAIL,
            critical: false,
            evidence,
          },
        ],
        sections: [],
        callStartedAt: '2026-11-22T09:00:00+08:00',
        answeredWithinThreeRings: true,
        forbiddenPhraseCount: 20_000,
        csat: 0,
        handleSeconds: 86_400,
        scorecardActive: true,
        callPurpose: 1,
      })
      .finish().length;
    expect(bytes).toBeGreaterThan(1024 * 1024);
    expect(bytes).toBeLessThan(CALL_TOPIC_MAX_MESSAGE_BYTES);
  });
});
