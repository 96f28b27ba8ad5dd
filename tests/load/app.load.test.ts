/**
 * A bounded load test of the App server (tests/load/scenario.ts): ~100 deliveries, 10 at a time,
 * to the real Probot server with the in-memory GitHub behind it. It asserts exactly-once
 * processing and the refusal of unsigned and wrongly signed deliveries; the throughput and latency
 * are printed, never asserted. `npm run load` runs a larger version and prints the same report.
 */
import { describe, expect, it } from 'vitest';
import { formatReport, runLoad } from './scenario.js';

describe('the App server under load', () => {
  it('processes every signed delivery exactly once and refuses unsigned or wrongly signed ones with 4xx, without effect', async () => {
    const report = await runLoad({
      pulls: 40,
      classify: 40,
      redeliveries: 10,
      unsigned: 5,
      wrongSecret: 5,
      tampered: 5,
      concurrency: 10,
    });
    console.log(formatReport(report));

    expect(report.deliveries).toBe(105);
    expect(report.processed.pulls).toEqual({ expected: 40, once: 40, lost: 0, duplicated: 0 });
    expect(report.processed.classify).toEqual({ expected: 40, once: 40, lost: 0, duplicated: 0 });
    expect(report.statuses['pull_request']).toEqual({ 200: 40 });
    expect(report.statuses['classify']).toEqual({ 200: 40 });
    expect(report.statuses['redelivery']).toEqual({ 200: 10 });
    // Each bad kind is sent twice: during the load and again on the idle server.
    for (const kind of ['unsigned', 'wrong-secret', 'tampered'])
      expect(report.statuses[kind], kind).toEqual({ 400: 10 });
    expect(report.badEffects).toEqual([]);
    expect(report.quietPhaseRequests).toBe(0);
    // One installation token for the whole burst.
    expect(report.tokenRequests).toBe(1);
    expect(report.violations).toEqual([]);
    expect(report.problems).toEqual([]);
  }, 120_000);

  // Known gap, reported rather than fixed here: the App's "a redelivery finds what it already
  // posted" is check-then-act (list the comments, then create), and neither Probot nor the App
  // remembers X-GitHub-Delivery ids, so the same delivery arriving twice at once is processed
  // twice. `it.fails` keeps this visible: once the App deduplicates, this test fails; then make it
  // a plain `it`.
  it.fails(
    'processes the same delivery sent twice at the same moment only once',
    async () => {
      const report = await runLoad({
        pulls: 5,
        classify: 5,
        redeliveries: 0,
        concurrentDuplicates: 10,
        unsigned: 0,
        wrongSecret: 0,
        tampered: 0,
        concurrency: 10,
      });
      expect(report.signedNot200).toBe(0);
      expect(report.duplicated).toBe(0);
    },
    60_000,
  );
});
