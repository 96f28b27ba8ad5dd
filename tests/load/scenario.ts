/**
 * Load on the App server. The real Probot server (tests/helpers/webhooks.ts) runs the curator App
 * on 127.0.0.1 against the in-memory GitHub (tests/helpers/fake-github.ts) and the recorded arXiv
 * feed; a small concurrent HTTP driver (node:http, keep-alive, `concurrency` connections) fires
 * signed webhook deliveries at it and times each acknowledgement, then the fake's final state is
 * read to check that every delivery was processed exactly once.
 *
 * The deliveries, shuffled with a fixed seed:
 * - `pull_request.opened` for distinct PRs that each add one row to README.md (expected: one
 *   check comment and at least one `curator` check run per PR);
 * - `issue_comment.created` with `/classify <arXiv id>` on distinct comments, a few per issue
 *   (expected: one reply per comment, found by its `reply-to=<comment id>` marker);
 * - redeliveries: the same delivery (same X-GitHub-Delivery id, same body) sent again once the
 *   first one was acknowledged, as GitHub's "Redeliver" does, while the rest of the load runs;
 * - concurrent duplicates (optional): the same delivery sent twice at once, as when GitHub
 *   redelivers a delivery it gave up on (no answer in 10 s) while the first is still running;
 * - unsigned, wrongly signed (another secret) and tampered (signed, then the body changed)
 *   deliveries aimed at PRs and comments that no good delivery touches (expected: 4xx, and no
 *   request about them reaches GitHub).
 * After the load, the bad deliveries are sent once more on the idle server: the fake must see no
 * request at all.
 *
 * The driver, the App and the fake share one Node process (and event loop): the figures include
 * the fake's work (OpenAPI checks of every request and reply) and are a floor for the App alone.
 */
import { Agent, request } from 'node:http';
import { createCuratorApp } from '../../src/bot/app.js';
import { replyMarker } from '../../src/tasks/answer-command.js';
import { COMMENT_MARKER } from '../../src/tasks/render-check.js';
import { testServices } from '../helpers/bot.js';
import { fakeArxiv, SCAN_EXPECTED } from '../helpers/fake-arxiv.js';
import { startFakeGitHub } from '../helpers/fake-github.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import {
  issueCommentPayload,
  pullRequestPayload,
  signature,
  startCuratorServer,
  WEBHOOK_PATH,
} from '../helpers/webhooks.js';

export interface LoadOptions {
  /** Distinct PRs, one `pull_request.opened` delivery each. */
  pulls: number;
  /** Distinct `/classify` comments, one `issue_comment.created` delivery each. */
  classify: number;
  /** `/classify` comments per issue (at most `commands.maxPerHour`, 5 by default). */
  commentsPerIssue?: number;
  /** Good deliveries sent again (same id and body) after their first acknowledgement. */
  redeliveries: number;
  /** Good deliveries sent twice at the same moment. */
  concurrentDuplicates?: number;
  unsigned: number;
  wrongSecret: number;
  tampered: number;
  /** Deliveries in flight at once (one keep-alive connection each). */
  concurrency: number;
  /**
   * PR and `/classify` deliveries (as many of each) sent before the timed burst, so that the
   * figures are not those of a cold process; they are checked for exactly-once like the rest.
   */
  warmup?: number;
  /** How long the fake arXiv takes to answer, in ms. */
  arxivLatencyMs?: number;
  seed?: number;
  /** Per-delivery time limit for the driver, in ms. */
  timeoutMs?: number;
}

type Kind =
  | 'pull_request'
  | 'classify'
  | 'redelivery'
  | 'concurrent-duplicate'
  | 'unsigned'
  | 'wrong-secret'
  | 'tampered';
const BAD_KINDS: readonly Kind[] = ['unsigned', 'wrong-secret', 'tampered'];

type Target =
  | { type: 'pull'; number: number; headSha: string; title: string }
  | { type: 'comment'; issue: number; commentId: number; arxivId: string };

interface Delivery {
  kind: Kind;
  id: string;
  event: string;
  body: string;
  headers: Record<string, string>;
  target: Target;
  /** Sent once this one has been acknowledged. */
  then?: Delivery;
}

interface Sent {
  kind: Kind;
  status: number;
  ms: number;
  error?: string;
}

export interface Latency {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface Processed {
  expected: number;
  once: number;
  lost: number;
  duplicated: number;
}

export interface LoadReport {
  options: Required<LoadOptions>;
  /** Deliveries in the timed burst (the warm-up and the idle-server phase are not timed). */
  deliveries: number;
  /** HTTP status counts per kind of delivery, e.g. { pull_request: { 200: 100 } }. */
  statuses: Record<string, Record<string, number>>;
  wallMs: number;
  /** Acknowledgements per second over the whole run (all kinds). */
  throughput: number;
  /** Acknowledgement latency in ms, from the first byte sent to the end of the answer. */
  latency: { all: Latency; signed: Latency; rejected: Latency };
  /** The same per kind of delivery (timed burst only). */
  latencyByKind: Partial<Record<Kind, Latency>>;
  /** The slowest acknowledgements, with their kind, slowest first. */
  slowest: { kind: Kind; ms: number; status: number }[];
  processed: { pulls: Processed; classify: Processed };
  lost: number;
  duplicated: number;
  /** Signed deliveries answered anything but 200 or 202 (a failure GitHub would record). */
  signedNot2xx: number;
  /**
   * Signed deliveries answered 202: Probot stops waiting for the handlers 9 s after it starts
   * reading a delivery and says "still processing"; the work goes on and is checked like the rest.
   */
  acknowledged202: number;
  /** Bad deliveries answered anything but 4xx. */
  badNot4xx: number;
  /** Requests to the fake or state changes about the targets of bad deliveries. */
  badEffects: string[];
  /** Requests the fake saw while the bad deliveries were sent again on the idle server. */
  quietPhaseRequests: number;
  githubRequests: number;
  githubRequestsByOp: Record<string, number>;
  tokenRequests: number;
  checkRuns: number;
  arxivRequests: number;
  /** Most arXiv requests in flight at once (arXiv's terms ask for one connection at a time). */
  arxivMaxInFlight: number;
  violations: string[];
  /** Everything that breaks the acceptance (empty when the run passes). */
  problems: string[];
}

const SECRET = 'load-secret';
const WRONG_SECRET = 'not-the-secret';

/** The ids the recorded arXiv feed knows; `/classify` asks for them in turn. */
const ARXIV_IDS = [...Object.values(SCAN_EXPECTED.onTopic).flat(), ...SCAN_EXPECTED.offTopic];

/** A small, seeded PRNG (mulberry32), so every run sends the same mix in the same order. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** README.md with one row added above an existing one (as a contributor's PR does). */
function withRow(text: string, id: string, title: string): string {
  const lines = text.split('\n');
  lines.splice(
    lines.findIndex((l) => l.includes('2403.12968')),
    0,
    `| [${title}](https://arxiv.org/abs/${id}) | arXiv 2025.10 | \`Eviction\` | - | Keeps a smaller KV cache per layer while decoding long inputs. |`,
  );
  return lines.join('\n');
}

function headers(event: string, id: string, sig: string | null): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/load',
    'x-github-event': event,
    'x-github-delivery': id,
    ...(sig === null ? {} : { 'x-hub-signature-256': sig }),
  };
}

function latency(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  const at = (p: number) =>
    sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    count: sorted.length,
    p50: round(at(50)),
    p90: round(at(90)),
    p99: round(at(99)),
    max: round(sorted.at(-1) ?? 0),
    mean: round(sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1)),
  };
}

/** POSTs one delivery over the keep-alive agent; resolves with the status (0 on a failure). */
function post(
  base: URL,
  agent: Agent,
  d: Delivery,
  timeoutMs: number,
): Promise<{ status: number; error?: string }> {
  return new Promise((done) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        path: WEBHOOK_PATH,
        method: 'POST',
        agent,
        headers: { ...d.headers, 'content-length': String(Buffer.byteLength(d.body)) },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => done({ status: res.statusCode ?? 0 }));
        res.on('error', (error) => done({ status: 0, error: error.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => done({ status: 0, error: error.message }));
    req.end(d.body);
  });
}

/**
 * Sends the deliveries with `concurrency` workers, each taking the next one from the queue as soon
 * as its previous one is answered; a delivery's `then` joins the end of the queue once it is.
 */
async function drive(
  url: string,
  jobs: Delivery[],
  concurrency: number,
  timeoutMs: number,
): Promise<{ sent: Sent[]; wallMs: number }> {
  const base = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const queue = [...jobs];
  const sent: Sent[] = [];
  let waitingFor = 0; // deliveries in flight that will add a follow-up to the queue
  let sleepers: (() => void)[] = [];
  const wakeAll = () => {
    const s = sleepers;
    sleepers = [];
    for (const wake of s) wake();
  };
  const worker = async () => {
    for (;;) {
      const d = queue.shift();
      if (!d) {
        if (waitingFor === 0) return;
        await new Promise<void>((wake) => sleepers.push(wake));
        continue;
      }
      if (d.then) waitingFor++;
      const start = performance.now();
      const { status, error } = await post(base, agent, d, timeoutMs);
      sent.push({
        kind: d.kind,
        status,
        ms: performance.now() - start,
        ...(error ? { error } : {}),
      });
      if (d.then) {
        queue.push(d.then);
        waitingFor--;
        wakeAll();
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - start;
  agent.destroy();
  return { sent, wallMs };
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

export async function runLoad(input: LoadOptions): Promise<LoadReport> {
  const options: Required<LoadOptions> = {
    commentsPerIssue: 4,
    concurrentDuplicates: 0,
    warmup: 0,
    arxivLatencyMs: 5,
    seed: 20261128,
    timeoutMs: 30_000,
    ...input,
  };
  const random = prng(options.seed);
  const badCount = options.unsigned + options.wrongSecret + options.tampered;

  const fake = await startFakeGitHub({
    owner: 'octo',
    repo: 'papers',
    files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
    collaborators: { maintainer: 'maintain', contributor: 'read' },
    // The report lists the violations (`violations`, `problems`) and the load test asserts there
    // are none; close() throwing would lose the report `npm run load` prints.
    allowViolations: true,
  });
  // The recorded arXiv feed, with a count of requests in flight at once.
  const arxiv = fakeArxiv();
  let arxivInFlight = 0;
  let arxivMaxInFlight = 0;
  const arxivFetch: typeof fetch = async (input, init) => {
    arxivMaxInFlight = Math.max(arxivMaxInFlight, ++arxivInFlight);
    try {
      await new Promise((r) => setTimeout(r, options.arxivLatencyMs));
      return await arxiv.fetch(input, init);
    } finally {
      arxivInFlight--;
    }
  };
  const server = await startCuratorServer({
    fakeUrl: fake.url,
    appFn: createCuratorApp(testServices({ fetch: arxivFetch })),
    secret: SECRET,
  });

  try {
    // ---- the world: PRs and /classify comments, the good ones and those only bad deliveries name
    const seed = SEED_EN();
    const openPull = (i: number, kind: string): Target => {
      const id = `2510.${String(10000 + i)}`;
      const title = `Load Test Paper ${kind} ${i}`;
      fake.commitFiles(
        `load/${kind}-${i}`,
        { 'README.md': withRow(seed, id, title) },
        `Add ${title}`,
        'contributor',
      );
      const pr = fake.openPullRequest({
        head: `load/${kind}-${i}`,
        title: `Add ${title}`,
        user: 'contributor',
      });
      return { type: 'pull', number: pr.number, headSha: pr.head.sha, title };
    };
    const comments = (count: number, kind: string): Target[] => {
      const out: Target[] = [];
      let issue = 0;
      for (let i = 0; i < count; i++) {
        if (i % options.commentsPerIssue === 0)
          issue = fake.openIssue({ title: `Classify ${kind} ${i}`, user: 'maintainer' }).number;
        const arxivId = ARXIV_IDS[i % ARXIV_IDS.length]!;
        const c = fake.addComment(issue, { body: `/classify ${arxivId}`, user: 'maintainer' });
        out.push({ type: 'comment', issue, commentId: c.id, arxivId });
      }
      return out;
    };
    const goodPulls = Array.from({ length: options.pulls }, (_, i) => openPull(i, 'good'));
    const goodComments = comments(options.classify, 'good');
    const warmPulls = Array.from({ length: options.warmup }, (_, i) => openPull(i, 'warm'));
    const warmComments = comments(options.warmup, 'warm');
    const badPulls = Array.from({ length: Math.ceil(badCount / 2) }, (_, i) => openPull(i, 'bad'));
    const badComments = comments(Math.floor(badCount / 2), 'bad');

    // ---- the deliveries
    let serial = 0;
    const payloadOf = (t: Target) =>
      t.type === 'pull'
        ? { event: 'pull_request', payload: pullRequestPayload(fake, t.number, 'opened') }
        : {
            event: 'issue_comment',
            payload: issueCommentPayload(fake, t.issue, t.commentId, 'created'),
          };
    const good = (t: Target): Delivery => {
      const { event, payload } = payloadOf(t);
      const body = JSON.stringify(payload);
      const id = `load-${++serial}`;
      return {
        kind: t.type === 'pull' ? 'pull_request' : 'classify',
        id,
        event,
        body,
        headers: headers(event, id, signature(SECRET, body)),
        target: t,
      };
    };
    const bad = (t: Target, kind: Kind): Delivery => {
      const { event, payload } = payloadOf(t);
      const signed = JSON.stringify(payload);
      const id = `load-${++serial}`;
      let body = signed;
      let sig: string | null = null;
      if (kind === 'wrong-secret') sig = signature(WRONG_SECRET, body);
      if (kind === 'tampered') {
        // Signed by GitHub, then changed on the way: another command, or another PR title.
        sig = signature(SECRET, signed);
        const p = payload as { comment?: { body: string }; pull_request?: { title: string } };
        if (p.comment) p.comment.body = '/curator scan';
        if (p.pull_request) p.pull_request.title = 'Tampered';
        body = JSON.stringify(payload);
      }
      return { kind, id, event, body, headers: headers(event, id, sig), target: t };
    };

    const goods = shuffle([...goodPulls, ...goodComments].map(good), random);
    // Redeliveries and concurrent duplicates go to different deliveries, spread over the mix.
    const dupes = goods.slice(0, options.redeliveries + options.concurrentDuplicates);
    dupes.slice(0, options.redeliveries).forEach((d) => {
      d.then = { ...d, kind: 'redelivery' };
    });
    const twins = new Set(dupes.slice(options.redeliveries));

    const badTargets = [...badPulls, ...badComments];
    const bads = [
      ...Array<Kind>(options.unsigned).fill('unsigned'),
      ...Array<Kind>(options.wrongSecret).fill('wrong-secret'),
      ...Array<Kind>(options.tampered).fill('tampered'),
    ].map((kind, i) => bad(badTargets[i % 2 === 0 ? i / 2 : badPulls.length + (i - 1) / 2]!, kind));
    const jobs: Delivery[] = [];
    for (const d of shuffle([...goods, ...bads], random)) {
      jobs.push(d);
      if (twins.has(d)) jobs.push({ ...d, kind: 'concurrent-duplicate' });
    }

    // ---- the load (after the warm-up, untimed)
    const before = fake.requests.length;
    const warm = await drive(
      server.url,
      [...warmPulls, ...warmComments].map(good),
      options.concurrency,
      options.timeoutMs,
    );
    const { sent, wallMs } = await drive(server.url, jobs, options.concurrency, options.timeoutMs);
    // Deliveries answered 202 (handlers past Probot's 9 s) go on: wait for the App, not a time.
    await server.idle();

    // ---- the bad deliveries again, on an idle server
    const idle = fake.requests.length;
    const again = await drive(
      server.url,
      bads.map((d) => ({ ...d })),
      options.concurrency,
      options.timeoutMs,
    );
    await server.idle();
    const quietPhaseRequests = fake.requests.length - idle;

    // ---- exactly once, from the fake's state
    const botComments = (issue: number) =>
      fake.state.comments(issue).filter((c) => c.user === fake.botLogin);
    const tally = (targets: Target[], effects: (t: Target) => { n: number; ok: boolean }) => {
      const p: Processed = { expected: targets.length, once: 0, lost: 0, duplicated: 0 };
      for (const t of targets) {
        const { n, ok } = effects(t);
        if (n === 0 || !ok) p.lost++;
        else if (n > 1) p.duplicated++;
        else p.once++;
      }
      return p;
    };
    const pulls = tally([...warmPulls, ...goodPulls], (t) => {
      if (t.type !== 'pull') throw new Error('not a pull');
      const mine = botComments(t.number).filter((c) => c.body.startsWith(COMMENT_MARKER));
      const runs = fake.state.checkRuns.filter(
        (r) => r.head_sha === t.headSha && r.name === 'curator',
      );
      return { n: mine.length, ok: runs.length > 0 && mine.every((c) => c.body.includes(t.title)) };
    });
    const classify = tally([...warmComments, ...goodComments], (t) => {
      if (t.type !== 'comment') throw new Error('not a comment');
      const replies = botComments(t.issue).filter((c) =>
        c.body.startsWith(replyMarker(t.commentId)),
      );
      return { n: replies.length, ok: replies.every((c) => c.body.includes(t.arxivId)) };
    });

    const badEffects: string[] = [];
    const named = (path: string, what: string, n: number) =>
      new RegExp(`/${what}/${n}(?:[/?]|$)`).test(path);
    for (const t of badTargets) {
      const issue = t.type === 'pull' ? t.number : t.issue;
      const touching = fake.requests
        .slice(before)
        .filter(
          (q) =>
            named(q.path, 'issues', issue) ||
            named(q.path, 'pulls', issue) ||
            (t.type === 'comment' && named(q.path, 'comments', t.commentId)),
        );
      for (const q of touching) badEffects.push(`${q.method} ${q.path} (${q.op})`);
      if (botComments(issue).length) badEffects.push(`bot comment on #${issue}`);
      if (t.type === 'pull' && fake.state.checkRuns.some((r) => r.head_sha === t.headSha))
        badEffects.push(`check run on #${issue}`);
      if (t.type === 'comment' && fake.state.reactions(t.commentId).length)
        badEffects.push(`reaction on comment ${t.commentId}`);
    }

    const all = [...warm.sent, ...sent, ...again.sent];
    const statuses: Record<string, Record<string, number>> = {};
    for (const s of all) {
      const k = (statuses[s.kind] ??= {});
      const key = s.error ? `error: ${s.error}` : String(s.status);
      k[key] = (k[key] ?? 0) + 1;
    }
    const isBad = (s: Sent) => BAD_KINDS.includes(s.kind);
    const signedNot2xx = all.filter(
      (s) => !isBad(s) && s.status !== 200 && s.status !== 202,
    ).length;
    const acknowledged202 = all.filter((s) => !isBad(s) && s.status === 202).length;
    const badNot4xx = all.filter((s) => isBad(s) && !(s.status >= 400 && s.status < 500)).length;
    const lost = pulls.lost + classify.lost;
    const duplicated = pulls.duplicated + classify.duplicated;
    const problems = [
      ...(lost ? [`${lost} deliveries lost`] : []),
      ...(duplicated ? [`${duplicated} deliveries processed more than once`] : []),
      ...(signedNot2xx ? [`${signedNot2xx} signed deliveries not answered 200 or 202`] : []),
      ...(badNot4xx ? [`${badNot4xx} unsigned or wrongly signed deliveries not answered 4xx`] : []),
      ...(badEffects.length
        ? [`bad deliveries had effects: ${badEffects.slice(0, 5).join('; ')}`]
        : []),
      ...(quietPhaseRequests ? [`${quietPhaseRequests} GitHub requests after bad deliveries`] : []),
      ...(fake.violations.length ? [`${fake.violations.length} OpenAPI violations`] : []),
    ];
    const ops = fake.requests.slice(before);

    return {
      options,
      deliveries: sent.length,
      statuses,
      wallMs: Math.round(wallMs),
      throughput: Math.round((sent.length / wallMs) * 1000 * 10) / 10,
      latency: {
        all: latency(sent.map((s) => s.ms)),
        signed: latency(sent.filter((s) => !isBad(s)).map((s) => s.ms)),
        rejected: latency(sent.filter(isBad).map((s) => s.ms)),
      },
      latencyByKind: Object.fromEntries(
        [...new Set(sent.map((s) => s.kind))]
          .sort()
          .map((k) => [k, latency(sent.filter((s) => s.kind === k).map((s) => s.ms))]),
      ),
      slowest: [...sent]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 10)
        .map((s) => ({ kind: s.kind, ms: Math.round(s.ms), status: s.status })),
      processed: { pulls, classify },
      lost,
      duplicated,
      signedNot2xx,
      acknowledged202,
      badNot4xx,
      badEffects,
      quietPhaseRequests,
      githubRequests: ops.length,
      githubRequestsByOp: countBy(ops, (q) => q.op || `${q.method} ${q.path}`),
      tokenRequests: ops.filter((q) => q.op === 'apps/create-installation-access-token').length,
      checkRuns: fake.state.checkRuns.length,
      arxivRequests: arxiv.urls.length,
      arxivMaxInFlight,
      violations: [...fake.violations],
      problems,
    };
  } finally {
    await server.stop();
    await fake.close();
  }
}

/** The report as a few lines of text. */
export function formatReport(r: LoadReport): string {
  const o = r.options;
  const l = (x: Latency) =>
    `p50 ${x.p50} ms, p90 ${x.p90} ms, p99 ${x.p99} ms, max ${x.max} ms, mean ${x.mean} ms (n=${x.count})`;
  const p = (x: Processed) =>
    `${x.once}/${x.expected} exactly once, ${x.lost} lost, ${x.duplicated} duplicated`;
  return [
    `deliveries: ${r.deliveries} timed (${o.pulls} PR opened, ${o.classify} /classify, ${o.redeliveries} redeliveries, ${o.concurrentDuplicates} concurrent duplicates, ${o.unsigned} unsigned, ${o.wrongSecret} wrong secret, ${o.tampered} tampered), concurrency ${o.concurrency}; before them ${2 * o.warmup} warm-up deliveries, untimed`,
    `wall time: ${r.wallMs} ms, throughput: ${r.throughput} deliveries/s`,
    `latency (all):      ${l(r.latency.all)}`,
    `latency (signed):   ${l(r.latency.signed)}`,
    `latency (rejected): ${l(r.latency.rejected)}`,
    ...Object.entries(r.latencyByKind).map(([k, x]) => `  ${`${k}:`.padEnd(22)}${l(x)}`),
    `statuses: ${JSON.stringify(r.statuses)}`,
    `PR checks: ${p(r.processed.pulls)}`,
    `/classify: ${p(r.processed.classify)}`,
    `lost: ${r.lost}, duplicated: ${r.duplicated}; signed deliveries answered 202 (after 9 s): ${r.acknowledged202}, not 2xx: ${r.signedNot2xx}`,
    `bad deliveries: ${r.badNot4xx} not 4xx, ${r.badEffects.length} effects, ${r.quietPhaseRequests} GitHub requests on the idle server`,
    `GitHub requests: ${r.githubRequests} (${r.tokenRequests} installation tokens), check runs: ${r.checkRuns}, OpenAPI violations: ${r.violations.length}`,
    `arXiv requests: ${r.arxivRequests}, at most ${r.arxivMaxInFlight} in flight at once`,
    r.problems.length
      ? `PROBLEMS:\n  ${r.problems.join('\n  ')}`
      : 'OK: no lost or duplicated deliveries',
  ].join('\n');
}
