/**
 * The App as an AWS Lambda function behind API Gateway (or a Function URL). Each invocation
 * verifies the delivery's signature and runs the same handlers as the server; state lives in
 * GitHub only, so any number of concurrent invocations is fine. There is no long-lived process,
 * so no scheduler: scheduled scans come from the Action's workflow (see docs/deploy.md).
 *
 * Probot's own adapter (@probot/adapter-aws-lambda-serverless 4.x) still depends on Probot 13 and
 * would install a second Probot; this is the same few steps on the Probot we use.
 */
import { createProbot, type Probot } from 'probot';
import { createCuratorApp } from './app.js';
import { defaultServices } from './services.js';

export interface LambdaEvent {
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}
export interface LambdaResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const reply = (statusCode: number, message: string): LambdaResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message }),
});

/** A handler for `probot` with the curator App loaded on it. */
export function createLambdaHandler(probot: Probot) {
  return async function handler(event: LambdaEvent): Promise<LambdaResult> {
    const headers = Object.fromEntries(
      Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v ?? '']),
    );
    const id = headers['x-github-delivery'];
    const name = headers['x-github-event'];
    const signature = headers['x-hub-signature-256'];
    if (!id || !name || !signature || !event.body)
      return reply(400, 'Not a GitHub webhook delivery: missing headers or body.');
    const payload = event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body;
    try {
      await probot.webhooks.verifyAndReceive({ id, name: name as never, signature, payload });
      return reply(200, 'ok');
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 400 || /signature/i.test(String((error as Error).message)))
        return reply(400, 'The signature does not match the webhook secret.');
      probot.log.error({ err: error, id, name }, 'curator: handling the delivery failed');
      return reply(500, 'Handling the delivery failed; see the function log.');
    }
  };
}

let cached: ReturnType<typeof createLambdaHandler> | null = null;

/** The function's entry point: Probot configured from the environment (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET). */
export async function handler(event: LambdaEvent): Promise<LambdaResult> {
  if (!cached) {
    const probot = createProbot();
    await probot.load(createCuratorApp({ ...defaultServices(), scheduler: false }));
    cached = createLambdaHandler(probot);
  }
  return cached(event);
}
