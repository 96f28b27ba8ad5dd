import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/app.js', import.meta.url));

function start(env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'curator-start-'));
  return spawnSync(process.execPath, [BIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('npm start (bin/app.js)', () => {
  it('names every missing or malformed setting in one line each, exit 2, no stack trace', () => {
    const r = start({ APP_ID: 'my-app' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      [
        'awesome-curator: APP_ID is "my-app": use the number shown as "App ID" on the App\'s settings page.',
        "awesome-curator: neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set: generate a private key on the App's settings page.",
        'awesome-curator: WEBHOOK_SECRET is not set: use the secret you gave when registering the App.',
        'See "Install the App" in README.md and .env.example.',
        '',
      ].join('\n'),
    );
  });

  it('rejects a key that is not a PEM private key, pasted or by path', () => {
    const pasted = start({ APP_ID: '1', PRIVATE_KEY: 'ghp_not_a_key', WEBHOOK_SECRET: 's' });
    expect(pasted.status).toBe(2);
    expect(pasted.stderr).toMatch(/^awesome-curator: PRIVATE_KEY is not a PEM private key/);
    const byPath = start({ APP_ID: '1', PRIVATE_KEY_PATH: 'missing.pem', WEBHOOK_SECRET: 's' });
    expect(byPath.status).toBe(2);
    expect(byPath.stderr).toMatch(/^awesome-curator: PRIVATE_KEY_PATH: no file at missing\.pem\./);
    expect(byPath.stderr).not.toMatch(/\n\s+at /);
  });
});
