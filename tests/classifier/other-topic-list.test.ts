import { describe, expect, it } from 'vitest';
import { readGuidelines } from '../../src/classifier/guidelines.js';
import { offlineClassifier } from '../../src/classifier/offline.js';
import { categorySections, parseList } from '../../src/list/index.js';

/**
 * A list about LLM evaluation, not context compression. Its categories share only common words
 * with the built-in lexicon's cue groups ("reasoning" with the latent-state group, "inference" in
 * "membership inference" with the KV-cache group), which must not hand them those groups' cues.
 */
const HEADER =
  '| Paper Title | Venue/Date | Tags | Code | TL;DR |\n| :--- | :--- | :--- | :--- | :--- |';
const LIST = `# Evaluation papers

## Reasoning Benchmarks

**Definition**: A test set with reference answers that scores the multi-step reasoning of language models.

**Keywords**: \`Benchmark\`, \`Reasoning\`, \`Math Word Problems\`

${HEADER}
| [Training Verifiers to Solve Math Word Problems](https://arxiv.org/abs/2110.14168) | arXiv 2021.10 | \`Math\` | - | Grade-school word problems for language models that take a few steps of arithmetic. |

## Data Contamination

**Definition**: Detecting whether test questions leaked into the training data of a language model.

**Keywords**: \`Data Contamination\`, \`Membership Inference\`

${HEADER}
| [Detecting Pretraining Data from Large Language Models](https://arxiv.org/abs/2310.16789) | ICLR 2024 | \`Membership Inference\` | - | Averages the log-probabilities of the least likely tokens of a text to tell whether the model saw it in training. |
`;

const list = parseList(LIST, 'README.md');
const classifier = offlineClassifier(readGuidelines(list, categorySections(list)));

describe('offline classifier on a list about another topic', () => {
  it.each([
    [
      '2404.14469',
      'SnapKV: LLM Knows What You are Looking for Before Generation',
      'Selects which key-value pairs to keep in the KV cache per attention head, using an observation window at the end of the prompt, which cuts GPU memory during generation.',
    ],
    [
      '2304.08467',
      'Learning to Compress Prompts with Gist Tokens',
      'Trains a language model to squeeze a prompt into a few gist tokens whose activations can be cached and reused as a soft prompt.',
    ],
  ])(
    'does not place the context-compression paper %s in a category that only shares a common word with its cues',
    (id, title, abstract) => {
      const v = classifier.classify({ id, title, abstract });
      expect([v.category, v.section]).toEqual([null, null]);
    },
  );

  it('still places papers by the list’s own words', () => {
    const v = classifier.classify({
      id: '2311.09783',
      title: 'Investigating Data Contamination in Modern Benchmarks for Large Language Models',
      abstract:
        'Checks whether popular test sets leaked into the training data of language models, with membership inference on the test questions.',
    });
    expect(v.section).toBe('Data Contamination');
  });

  it('says a neighbouring field is not a topic of this list, without naming context compression', () => {
    const v = classifier.classify({
      id: '2106.09685',
      title: 'LoRA: Low-Rank Adaptation of Large Language Models',
      abstract:
        'Freezes the pretrained weights and trains small low rank matrices added to each layer, making fine-tuning cheap.',
    });
    expect(v.section).toBeNull();
    expect(v.rationale).toBe(
      'It is about "low rank adaptation" and "lora", a neighbouring field, not a topic of this list.',
    );
  });
});
