import * as z from 'zod/mini';
import type { Verdict } from './verdict.js';

/** The verdict's shape (verdict.ts), checked where a verdict crosses a boundary. */
export const VerdictSchema = z.object({
  category: z.nullable(z.string()),
  section: z.nullable(z.string()),
  confidence: z.number().check(z.gte(0), z.lte(1)),
  rationale: z.string().check(z.maxLength(400)),
  runnerUp: z.nullable(z.string()),
  tags: z.array(z.string()),
  tldr: z.string(),
  tldrTranslated: z.optional(z.string()),
  source: z.enum(['llm', 'offline']),
});

// The schema and the written-out type must say the same thing (a compile error otherwise).
type Parsed = z.infer<typeof VerdictSchema>;
export const SAME_SHAPE: [Parsed, Verdict] extends [Verdict, Parsed] ? true : never = true;
