import { describe, expect, it } from 'vitest';
import { deliveryMemory, keyedQueue } from '../../src/bot/serial.js';
import { arxivFor } from '../../src/bot/services.js';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { testServices } from '../helpers/bot.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('keyedQueue', () => {
  it('runs work for one key one at a time, in order, and other keys alongside', async () => {
    const run = keyedQueue();
    const log: string[] = [];
    const job = (key: string, name: string) =>
      run(key, async () => {
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
      });
    await Promise.all([job('a', 'a1'), job('a', 'a2'), job('b', 'b1')]);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('a failure does not block the next piece of work for the key', async () => {
    const run = keyedQueue();
    await expect(run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(run('k', async () => 'next')).resolves.toBe('next');
  });
});

describe('deliveryMemory', () => {
  it('handles a delivery id once, also when it arrives twice at the same moment', async () => {
    const once = deliveryMemory();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await tick();
    };
    await Promise.all([once('d1', work), once('d1', work)]);
    await once('d1', work);
    expect(runs).toBe(1);
    await once('d2', work);
    expect(runs).toBe(2);
  });

  it('forgets a delivery whose handling failed, so "Redeliver" runs it again', async () => {
    const once = deliveryMemory();
    let runs = 0;
    await expect(
      once('d', async () => {
        runs += 1;
        throw new Error('GitHub was down');
      }),
    ).rejects.toThrow();
    await once('d', async () => void (runs += 1));
    expect(runs).toBe(2);
  });

  it('remembers only the most recent ids', async () => {
    const once = deliveryMemory(2);
    let runs = 0;
    for (const id of ['a', 'b', 'c', 'a']) await once(id, async () => void (runs += 1));
    expect(runs).toBe(4);
  });
});

it('one arXiv client per process and API URL, so its politeness queue covers every event', () => {
  const services = testServices();
  const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
  expect(arxivFor(services, config)).toBe(arxivFor(services, config));
  const mirror = { ...config, arxiv: { ...config.arxiv, apiUrl: 'https://mirror.test/api/query' } };
  expect(arxivFor(services, mirror)).not.toBe(arxivFor(services, config));
});
