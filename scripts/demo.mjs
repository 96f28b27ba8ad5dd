// `npm run demo`: the whole tool on the bundled example list, offline and without keys.
// 1. lint the example list; 2. check a simulated pull request and print the exact comment the App
// would post; 3. sync --fix a temporary copy of that pull request's files; 4. scan a recorded
// arXiv feed (served from this process on 127.0.0.1) and print the suggestion PR's body and the
// lines it adds to both READMEs.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
const list = join(examples, 'context-compression');
const bin = join(root, 'bin', 'curator.js');
const STEPS = 4;
const out = (text) => process.stdout.write(text);
let started = 0;

function step(n, title) {
  started = performance.now();
  out(`\n[${n}/${STEPS}] ${title}\n${'-'.repeat(72)}\n`);
}
function done() {
  out(`(done in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

/** Run the CLI without blocking this process (step 4 serves arXiv from here). */
function curator(cwd, args, { show = true } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => {
      if (show) out(stdout);
      resolve({ code, stdout });
    });
  });
}

/** The lines of `after` that are not in `before`, as a diff would show them. */
function added(before, after, file) {
  const seen = new Set(before.split('\n'));
  return after
    .split('\n')
    .map((line, i) => [line, i + 1])
    .filter(([line]) => !seen.has(line))
    .map(([line, n]) => `${file}:${n}\n  + ${line}\n`)
    .join('');
}

const tmp = mkdtempSync(join(tmpdir(), 'curator-demo-'));
try {
  step(1, 'curator lint: the example list (examples/context-compression)');
  const lint = await curator(list, ['lint', '--quiet']);
  out(`exit code ${lint.code} (0 = no errors, 1 = errors, 2 = usage or file problem)\n`);
  done();

  step(2, 'a pull request adds a paper (examples/pull-request): the comment the App posts');
  await curator(root, [
    'check',
    '--base',
    list,
    '--head',
    join(examples, 'pull-request'),
    '--format',
    'markdown',
    '--offline',
  ]);
  done();

  step(3, 'curator sync --fix on a copy of that pull request: what README_CN.md gains');
  const pr = join(tmp, 'pr');
  cpSync(join(examples, 'pull-request'), pr, { recursive: true });
  const cnBefore = readFileSync(join(pr, 'README_CN.md'), 'utf8');
  await curator(pr, ['sync', '--fix'], { show: false });
  out(
    added(cnBefore, readFileSync(join(pr, 'README_CN.md'), 'utf8'), 'README_CN.md') ||
      '(nothing)\n',
  );
  done();

  step(4, 'curator scan over a recorded arXiv feed: the suggestion PR, then the lines it adds');
  const feed = readFileSync(join(examples, 'arxiv', 'recorded-feed.xml'), 'utf8');
  const empty = feed
    .replace(/<entry>[\s\S]*<\/entry>\s*/g, '')
    .replace(/(<opensearch:totalResults[^>]*>)\d+/, '$10');
  const server = createServer((req, res) => {
    // Searches get the recorded feed; look-ups of listed preprints find nothing new.
    const body = new URL(req.url, 'http://x').searchParams.has('id_list') ? empty : feed;
    res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const copy = join(tmp, 'list');
    cpSync(list, copy, { recursive: true });
    const url = `http://127.0.0.1:${server.address().port}/api/query`;
    const args = [
      'scan',
      '--since',
      '2025-09-01',
      '--until',
      '2025-09-20',
      '--max',
      '5',
      '--arxiv-url',
      url,
    ];
    await curator(copy, [...args, '--format', 'markdown']);
    await curator(copy, [...args, '--write'], { show: false });
    for (const file of ['README.md', 'README_CN.md'])
      out(
        added(readFileSync(join(list, file), 'utf8'), readFileSync(join(copy, file), 'utf8'), file),
      );
  } finally {
    server.close();
  }
  done();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
