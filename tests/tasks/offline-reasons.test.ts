import { describe, expect, it } from 'vitest';
import { describeOffline } from '../../src/tasks/offline-reasons.js';

describe('describeOffline', () => {
  it('groups papers by reason and does not call a withheld paper an LLM failure', () => {
    const text = describeOffline([
      { id: '2509.00001', reason: 'withheld: its abstract addresses the model' },
      { id: '2509.00002', reason: 'the LLM server failed (500): down' },
      { id: '2509.00003', reason: 'the LLM server failed (500): down' },
    ]);
    expect(text).toBe(
      "1 paper withheld: its abstract addresses the model; 2 papers classified offline (the LLM server failed (500): down); their verdicts come from the list's own guidelines.",
    );
  });

  it('says nothing when every paper had its LLM verdict', () => {
    expect(describeOffline([])).toBe('');
  });
});
