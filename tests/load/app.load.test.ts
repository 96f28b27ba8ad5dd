/**
 * A bounded load test of the App server (tests/load/scenario.ts): ~100 deliveries, 10 at a time,
 * to the real Probot server with the in-memory GitHub behind it. It asserts exactly-once
 * processing and the refusal of unsigned and wrongly signed deliveries; the throughput and latency
 * are printed, never asserted. `npm run load` runs a larger version and prints the same report.
 */
import { describe, expect, it } from 'vitest';
import { createCuratorApp } from '../../src/bot/app.js';
import { testServices } from '../helpers/bot.js';
import { fakeArxiv } from '../helpers/fake-arxiv.js';
import { startFakeGitHub } from '../helpers/fake-github.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { issueCommentPayload, sendDelivery, startCuratorServer } from '../helpers/webhooks.js';
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
    // Every signed delivery acknowledged: 200 once its handlers finished, or 202 had Probot stopped
    // waiting for them (9 s; not expected at this size, but a slow machine is no failure).
    const acked = (kind: string) =>
      Object.entries(report.statuses[kind] ?? {})
        .filter(([status]) => status === '200' || status === '202')
        .reduce((n, [, count]) => n + count, 0);
    expect([acked('pull_request'), acked('classify'), acked('redelivery')]).toEqual([40, 40, 10]);
    expect(report.signedNot2xx).toBe(0);
    // Each bad kind is sent twice: during the load and again on the idle server.
    for (const kind of ['unsigned', 'wrong-secret', 'tampered'])
      expect(report.statuses[kind], kind).toEqual({ 400: 10 });
    expect(report.badEffects).toEqual([]);
    expect(report.quietPhaseRequests).toBe(0);
    // One installation token for the whole burst (@octokit/auth-app shares a pending request).
    expect(report.tokenRequests).toBe(1);
    expect(report.violations).toEqual([]);
    expect(report.problems).toEqual([]);
  }, 120_000);

  // Found by the load test and fixed: "a redelivery finds what it already posted" was
  // check-then-act (list the comments, then create), so the same delivery arriving twice at once
  // was processed twice. The App now remembers delivery ids and runs one thread at a time
  // (src/bot/serial.ts).
  it('processes the same delivery sent twice at the same moment only once', async () => {
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
    expect(report.signedNot2xx).toBe(0);
    expect(report.duplicated).toBe(0);
  }, 60_000);

  // Found by the load test and fixed, same cause: `commands.maxPerHour` counts the replies already
  // posted, so /classify comments arriving together all saw fewer than 5 and all got an answer.
  // Comments on one thread are now handled one at a time: 5 answers and one "try later".
  it('keeps the per-issue /classify limit when 10 comments arrive at once', async () => {
    const fake = await startFakeGitHub({
      owner: 'octo',
      repo: 'papers',
      files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
      collaborators: { maintainer: 'maintain' },
    });
    // The App's clock agrees with the fake's (comments are stamped from 2026-01-01T00:00:00Z).
    const services = testServices({
      fetch: fakeArxiv().fetch,
      now: () => new Date('2026-01-01T00:10:00Z'),
    });
    const server = await startCuratorServer({
      fakeUrl: fake.url,
      appFn: createCuratorApp(services),
      secret: 's',
    });
    try {
      const issue = fake.openIssue({ title: 'Classify these', user: 'maintainer' });
      const comments = Array.from({ length: 10 }, () =>
        fake.addComment(issue.number, { body: '/classify 2509.01234', user: 'maintainer' }),
      );
      const answers = await Promise.all(
        comments.map((c) =>
          sendDelivery(server.url, {
            event: 'issue_comment',
            payload: issueCommentPayload(fake, issue.number, c.id, 'created'),
            secret: 's',
          }),
        ),
      );
      // 200 once the handlers finished, or 202 had Probot stopped waiting (9 s): then wait for them.
      for (const a of answers) expect([200, 202]).toContain(a.status);
      await server.idle();
      const replies = fake.state
        .comments(issue.number)
        .filter((c) => c.user === fake.botLogin && c.body.includes('classify reply-to='));
      expect(replies).toHaveLength(5);
    } finally {
      await server.stop();
      await fake.close();
    }
  }, 60_000);
});
