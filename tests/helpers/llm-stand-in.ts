/**
 * A stand-in for an OpenAI-compatible server at `http://llm.test/v1` (nock, persistent): it reads
 * the papers of each request and answers every one of them, echoing its id (and its position, as
 * `index`), with the category `label` gives it. It counts what it was asked, so a test can show
 * that a run made no request at all.
 */
import nock from 'nock';
import { completion, type ChatRequestBody } from './openai.js';

export const STAND_IN_URL = 'http://llm.test/v1';

export function llmStandIn(label: (id: string) => string | null) {
  const asked: string[][] = [];
  nock('http://llm.test')
    .persist()
    .post('/v1/chat/completions')
    .reply(200, (_uri, body) => {
      const user = (body as ChatRequestBody).messages.find((m) => m.role === 'user')!.content;
      const data = /<papers>\n([\s\S]*)\n<\/papers>/.exec(user)![1]!;
      const papers = JSON.parse(data) as { id: string }[];
      asked.push(papers.map((p) => p.id));
      return completion(
        JSON.stringify({
          verdicts: papers.map((p, index) => ({
            id: p.id,
            index,
            category: label(p.id) ?? 'none',
            confidence: 0.9,
            rationale: 'From the guidelines.',
            runner_up: null,
            tags: [],
            tldr: 'What the paper does, in one sentence.',
            tldr_translated: '用一句话说明这篇论文做了什么。',
          })),
        }),
      );
    });
  return {
    /** Requests made so far. */
    requests: () => asked.length,
    /** The paper ids sent, request by request. */
    asked,
  };
}
