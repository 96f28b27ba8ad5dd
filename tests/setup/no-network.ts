/**
 * No test reaches the network: every test file starts with nock refusing any host it has no
 * interceptor for, except this machine (the tests that start a local arXiv or Probot server).
 * The guard is put back after each test, so a test that loosens it cannot leak that to the next.
 */
import nock from 'nock';
import { afterEach } from 'vitest';

const LOCAL = /^(127\.0\.0\.1|localhost)(:\d+)?$/;

function guard(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(LOCAL);
}

guard();
afterEach(guard);
