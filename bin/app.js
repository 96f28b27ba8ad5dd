#!/usr/bin/env node
// `npm start`: checks the App's settings (from the environment or .env), then runs the App with
// Probot. A missing or malformed setting is one clear line, not Probot's stack trace. Without
// APP_ID, Probot's own setup mode starts (it walks you through registering the App).
import { existsSync, readFileSync } from 'node:fs';

if (existsSync('.env')) process.loadEnvFile('.env');
const env = process.env;
const problems = [];
const looksLikeKey = (text) =>
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text.replace(/\\n/g, '\n'));

if (env.APP_ID) {
  if (!/^\d+$/.test(env.APP_ID))
    problems.push(
      `APP_ID is "${env.APP_ID}": use the number shown as "App ID" on the App's settings page`,
    );
  if (env.PRIVATE_KEY) {
    if (!looksLikeKey(env.PRIVATE_KEY))
      problems.push(
        'PRIVATE_KEY is not a PEM private key: paste the whole .pem file (newlines as \\n), or set PRIVATE_KEY_PATH to the file',
      );
  } else if (env.PRIVATE_KEY_PATH) {
    if (!existsSync(env.PRIVATE_KEY_PATH))
      problems.push(`PRIVATE_KEY_PATH: no file at ${env.PRIVATE_KEY_PATH}`);
    else if (!looksLikeKey(readFileSync(env.PRIVATE_KEY_PATH, 'utf8')))
      problems.push(`PRIVATE_KEY_PATH: ${env.PRIVATE_KEY_PATH} is not a PEM private key`);
  } else {
    problems.push(
      "neither PRIVATE_KEY nor PRIVATE_KEY_PATH is set: generate a private key on the App's settings page",
    );
  }
  if (!env.WEBHOOK_SECRET)
    problems.push('WEBHOOK_SECRET is not set: use the secret you gave when registering the App');
}
if (problems.length) {
  for (const p of problems) process.stderr.write(`awesome-curator: ${p}.\n`);
  process.stderr.write('See "Install the App" in README.md and .env.example.\n');
  process.exit(2);
}

let app;
try {
  app = (await import('../build/app.mjs')).default;
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write(
    'awesome-curator: the compiled App is missing (build/). Run `npm run build`, then try again.\n',
  );
  process.exit(2);
}
const { run } = await import('probot');
await run(app);
