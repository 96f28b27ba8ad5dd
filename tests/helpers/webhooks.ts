/**
 * End-to-end webhooks: the real Probot server running an App against the fake GitHub, and (from
 * deliveries.ts) signed deliveries with payloads built from the fake's state.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
// Probot's own dependency: the middleware Probot puts on its server, here with a shorter timeout.
import { createNodeMiddleware } from '@octokit/webhooks';
import { Probot, Server, type ApplicationFunction, type Logger } from 'probot';
import { TestOctokit } from './bot.js';

import { WEBHOOK_PATH } from './deliveries.js';

export {
  issueCommentPayload,
  issuesPayload,
  pullRequestPayload,
  pushPayload,
  sendDelivery,
  signature,
  WEBHOOK_PATH,
} from './deliveries.js';

let key: string | undefined;
/** A throwaway RSA key (PKCS#1 PEM) for the App; the fake accepts any JWT. */
export function testPrivateKey(): string {
  key ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  return key;
}

/** A port nobody listens on right now (Probot's Server turns `port: 0` into 3000). */
function freePort(): Promise<number> {
  return new Promise((done, failed) => {
    const probe = createServer();
    probe.once('error', failed);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/**
 * Counts the App's work in flight, so a test can wait until it is done instead of waiting for a
 * time. Probot answers a delivery 202 when its handlers take longer than 9 s (a busy machine) and
 * lets them go on; a test that then looked at GitHub's state would see it half-done.
 */
function idleTracker() {
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const track = async <T>(work: () => Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await work();
    } finally {
      if (--inFlight === 0) {
        const wake = waiters;
        waiters = [];
        for (const w of wake) w();
      }
    }
  };
  const idle = () =>
    inFlight === 0 ? Promise.resolve() : new Promise<void>((done) => waiters.push(done));
  /** `appFn` with every handler it registers (and each delivery it is sent) counted. */
  const wrap =
    (appFn: ApplicationFunction): ApplicationFunction =>
    (app, options) => {
      type Handler = (...args: unknown[]) => Promise<unknown>;
      const counted =
        (handler: Handler): Handler =>
        (...args) =>
          track(async () => handler(...args));
      const on = app.on;
      app.on = ((event: never, handler: Handler) => on(event, counted(handler))) as typeof app.on;
      const onAny = app.onAny;
      app.onAny = ((handler: Handler) => onAny(counted(handler))) as typeof app.onAny;
      // Probot's 202 timer starts before the signature check and the handlers: a delivery is in
      // flight from the moment the webhooks middleware hands it over, not only once a handler runs.
      const webhooks = app.webhooks;
      const verifyAndReceive = webhooks.verifyAndReceive.bind(webhooks);
      webhooks.verifyAndReceive = (event) => track(() => verifyAndReceive(event));
      return appFn(app, options);
    };
  return { wrap, idle };
}

/**
 * The real Probot server (the same `Server` `npm start` runs) with `appFn` loaded, talking to the
 * fake GitHub at `fakeUrl`, listening on 127.0.0.1. `stop()` closes it; `idle()` resolves once no
 * delivery and no handler of the App is running (at once if none is).
 */
export async function startCuratorServer(opts: {
  fakeUrl: string;
  appFn: ApplicationFunction;
  secret?: string;
  appId?: number;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  /** A logger to use instead (e.g. one that keeps every line, to search it for secrets). */
  log?: Logger;
  /**
   * How long Probot waits for the handlers before it answers a delivery 202 and lets them go on
   * (Probot's default: 9 s). A test of that path sets it short instead of waiting 9 s.
   */
  ackTimeoutMs?: number;
}): Promise<CuratorServer> {
  const Configured = Probot.defaults({
    appId: opts.appId ?? 1,
    privateKey: testPrivateKey(),
    secret: opts.secret ?? 'test-secret',
    baseUrl: opts.fakeUrl,
    logLevel: opts.logLevel ?? 'fatal',
    Octokit: TestOctokit,
    ...(opts.log ? { log: opts.log } : {}),
  });
  const ackTimeoutMs = opts.ackTimeoutMs;
  /** Probot's webhook middleware (the same one, the same path) with the 202 timeout changed. */
  class ProbotForTest extends Configured {
    override async getNodeMiddleware(o: { log?: Logger; path?: string } = {}) {
      const middleware = await super.getNodeMiddleware(o);
      if (ackTimeoutMs === undefined) return middleware;
      return createNodeMiddleware(this.webhooks, {
        log: o.log ?? this.log,
        path: o.path ?? WEBHOOK_PATH,
        timeout: ackTimeoutMs,
      });
    }
  }
  // Server hands its own logger (level info unless given one) to the Probot it creates.
  const log = opts.log ?? (await new ProbotForTest().ready()).log;
  const tracker = idleTracker();
  for (let attempt = 1; ; attempt++) {
    const server = new Server({
      Probot: ProbotForTest,
      log,
      host: '127.0.0.1',
      port: await freePort(),
      enableStaticFiles: false,
    });
    await server.load(tracker.wrap(opts.appFn));
    try {
      await server.start();
    } catch (error) {
      if ((error as { code?: string }).code === 'EADDRINUSE' && attempt < 5) continue;
      throw error;
    }
    return {
      url: `http://127.0.0.1:${server.port}`,
      stop: () => server.stop(),
      idle: tracker.idle,
      server,
    };
  }
}

export interface CuratorServer {
  url: string;
  stop: () => Promise<void>;
  /** Resolves once no delivery and no App handler is in flight. */
  idle: () => Promise<void>;
  server: Server;
}
