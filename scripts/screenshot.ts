/**
 * `npm run screenshot`: the README's picture of the pull-request comment.
 *
 * 1. Build the comment (scripts/pr-comment.ts) and write it to docs/images/pr-comment.md.
 * 2. Render it to HTML (micromark with GFM, as GitHub renders comments) inside a page styled
 *    like a GitHub comment.
 * 3. Headless Chromium: once to measure the page's height, once to take the screenshot.
 * 4. Write docs/images/pr-comment.png, tagged with the SHA-256 of the Markdown it shows.
 *
 * Needs Chromium: `chromium`, `chromium-browser` or `google-chrome` on PATH, or CHROME_PATH;
 * for the emoji and the Chinese row, fonts-noto-color-emoji and fonts-noto-cjk (Debian names).
 * tests/docs/screenshot.test.ts fails when the picture no longer matches the comment.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { withPngText } from './png.js';
import { prComment, SOURCE_KEYWORD, WIDTH } from './pr-comment.js';

const OUT = new URL('../docs/images/', import.meta.url);

const executable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** CHROME_PATH, else the first Chromium or Chrome on PATH; a one-line failure when neither. */
function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    fail(`CHROME_PATH=${fromEnv} is not an executable file`);
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'])
    for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean))
      if (executable(join(dir, name))) return join(dir, name);
  return fail(
    'Chromium not found; install it (Debian/Ubuntu: apt-get install chromium) or set CHROME_PATH',
  );
}

/** A problem to report in one line, without a stack. */
class Failure extends Error {}

function fail(message: string): never {
  throw new Failure(message);
}

const STYLE = `
* { box-sizing: border-box; }
html, body { margin: 0; background: #ffffff; }
body {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial,
    "Liberation Sans", "Noto Sans CJK SC", sans-serif, "Apple Color Emoji", "Segoe UI Emoji",
    "Noto Color Emoji";
  color: #1f2328;
  font-size: 14px;
  line-height: 1.5;
}
#page { display: flex; gap: 16px; padding: 16px; width: ${WIDTH}px; }
.avatar {
  flex: none; width: 40px; height: 40px; border-radius: 6px; background: #0969da; color: #fff;
  display: flex; align-items: center; justify-content: center; font-weight: 600; font-size: 15px;
  box-shadow: 0 0 0 1px rgba(31, 35, 40, 0.15);
}
.comment { flex: 1; min-width: 0; border: 1px solid #d1d9e0; border-radius: 6px; }
.header {
  background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0;
  padding: 8px 16px; color: #59636e;
}
.header strong { color: #1f2328; }
.label {
  display: inline-block; border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 7px;
  font-size: 12px; font-weight: 500; line-height: 18px; margin: 0 2px;
}
.markdown-body { padding: 16px; overflow-wrap: break-word; }
.markdown-body > :first-child { margin-top: 0 !important; }
.markdown-body > :last-child { margin-bottom: 0 !important; }
.markdown-body p, .markdown-body table, .markdown-body pre { margin: 0 0 16px; }
.markdown-body h3 { font-size: 1.25em; font-weight: 600; line-height: 1.25; margin: 24px 0 16px; }
.markdown-body code {
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono",
    "Noto Sans Mono CJK SC", monospace;
  font-size: 85%; padding: 0.2em 0.4em; background: rgba(129, 139, 152, 0.12); border-radius: 6px;
}
.markdown-body pre {
  padding: 16px; font-size: 85%; line-height: 1.45; background: #f6f8fa; border-radius: 6px;
  /* GitHub scrolls long lines; a picture cannot, so they wrap. */
  white-space: pre-wrap; overflow-wrap: anywhere;
}
.markdown-body pre code { font-size: 100%; padding: 0; background: transparent; }
.markdown-body table {
  display: block; width: max-content; max-width: 100%; overflow: auto; border-spacing: 0;
  border-collapse: collapse;
}
.markdown-body th, .markdown-body td { padding: 6px 13px; border: 1px solid #d1d9e0; }
.markdown-body th { font-weight: 600; }
.markdown-body tr { background: #ffffff; border-top: 1px solid #d1d9e0; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body em { font-style: italic; }
`;

function commentPage(markdown: string, measure: boolean): string {
  const body = micromark(markdown, {
    allowDangerousHtml: true, // only the comment's hidden marker; the comment sanitises the rest
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
  });
  const script = measure
    ? `<script>document.title = String(Math.ceil(document.getElementById('page').getBoundingClientRect().bottom));</script>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>pr-comment</title><style>${STYLE}</style></head>
<body><div id="page"><div class="avatar">ac</div><div class="comment">
<div class="header"><strong>awesome-curator</strong> <span class="label">bot</span> commented now</div>
<div class="markdown-body">
${body}</div></div></div>${script}</body></html>
`;
}

function chromium(bin: string, dir: string, height: number, ...args: string[]): string {
  try {
    return run(bin, dir, height, args);
  } catch (error) {
    const e = error as { stderr?: string; status?: number | null; message: string };
    const why =
      e.stderr?.trim().split('\n').at(-1) ||
      (typeof e.status === 'number' ? `exit status ${e.status}` : e.message);
    return fail(`${bin} failed: ${why}`);
  }
}

function run(bin: string, dir: string, height: number, args: string[]): string {
  return execFileSync(
    bin,
    [
      '--headless',
      '--disable-gpu',
      '--hide-scrollbars',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-extensions',
      '--force-device-scale-factor=1',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--window-size=${WIDTH},${height}`,
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ...args,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
  );
}

async function main(): Promise<void> {
  const bin = findChromium();
  const markdown = await prComment();
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'curator-screenshot-'));
  try {
    const page = join(dir, 'comment.html');
    writeFileSync(page, commentPage(markdown, true));
    const dom = chromium(bin, dir, 2000, '--dump-dom', pathToFileURL(page).href);
    const height = Number(/<title>(\d+)<\/title>/.exec(dom)?.[1]);
    if (!Number.isInteger(height) || height < 50) fail('could not measure the page height');
    writeFileSync(page, commentPage(markdown, false));
    const shot = join(dir, 'comment.png');
    chromium(bin, dir, height, `--screenshot=${shot}`, pathToFileURL(page).href);
    const sha = createHash('sha256').update(markdown).digest('hex');
    writeFileSync(new URL('pr-comment.md', OUT), markdown);
    writeFileSync(
      new URL('pr-comment.png', OUT),
      withPngText(readFileSync(shot), SOURCE_KEYWORD, sha),
    );
    process.stdout.write(
      `wrote docs/images/pr-comment.md and docs/images/pr-comment.png (${WIDTH}x${height})\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main().catch((error: unknown) => {
  if (!(error instanceof Failure)) throw error;
  process.stderr.write(`screenshot: ${error.message}\n`);
  process.exitCode = 1;
});
