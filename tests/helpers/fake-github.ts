/**
 * An in-memory GitHub for end-to-end tests: one repository (git objects, refs, pull requests,
 * issues, comments, reactions, check runs, reviews) served over HTTP on 127.0.0.1, so the real
 * Probot server and Octokit talk to it exactly as they would to api.github.com.
 *
 * Every request is checked against GitHub's OpenAPI description (route, method, query, body) and
 * every reply against the documented response; problems are collected in `violations` (never
 * thrown inside the server) and `close()` rejects, listing them, unless the fake was started with
 * `allowViolations`.
 *
 * After `deliverTo(server)`, the App's own writes (requests with an installation token) come back
 * to it as signed webhook deliveries, as on GitHub: a pull request it opens, a branch it creates,
 * moves or deletes, a pull request it closes or merges, a comment it posts. They are queued and
 * sent, one at a time, after the reply to the write; `settle()` waits until all are answered.
 * People's acts through the mutators deliver nothing: tests send those. Tests read and change the world through `state` and the mutators
 * (commitFiles, openPullRequest, closePull, openIssue, addComment), which act like people.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv } from 'ajv';
import {
  issueCommentPayload,
  pullRequestPayload,
  pushPayload,
  sendDelivery,
  ZERO,
} from './deliveries.js';
import { fakeUser } from './github-fakes.js';
import {
  assertDocumentedReply,
  assertDocumentedRequest,
  assertNoUndeclaredProperties,
  operationFor,
} from './github-openapi.js';

export type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read';

export interface FakeGitHubInit {
  owner: string;
  repo: string;
  defaultBranch?: string;
  files: Record<string, string>;
  collaborators?: Record<string, Role>;
  app?: { id: number; slug: string };
  installationId?: number;
  /**
   * `close()` rejects when the fake saw a request or served a reply that GitHub's OpenAPI
   * description does not allow (`violations`). A test that sends undocumented requests on purpose
   * opts out here, and says why.
   */
  allowViolations?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** GitHub's operation id, '' when the request is not documented. */
  op: string;
  body: unknown;
}

interface Person {
  name: string;
  email: string;
  date: string;
}
interface Commit {
  tree: string;
  parents: string[];
  message: string;
  author: Person;
}
export interface PullRequest {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  user: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  merge_commit_sha: string | null;
  /** Who merged it (the owner when a test merged it through `closePull`). */
  merged_by?: string;
}
export interface Issue {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  user: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}
export interface IssueComment {
  id: number;
  issue: number;
  body: string;
  user: string;
  viaApp: boolean;
  created_at: string;
  updated_at: string;
}
export interface Reaction {
  id: number;
  comment: number;
  content: string;
  user: string;
  created_at: string;
}
export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  details_url: string | null;
  external_id: string;
  started_at: string;
  completed_at: string | null;
  output: {
    title: string | null;
    summary: string | null;
    text: string | null;
    annotations: unknown[];
  };
}
export interface ReviewComment {
  id: number;
  pull: number;
  review: number;
  path: string;
  /**
   * The line at the pull request's head: it follows the line when lines above it are added or
   * removed, and is null once GitHub marks the comment outdated (its line changed or left the
   * diff).
   */
  line: number | null;
  original_line: number;
  /** The line's index in the file's diff (GitHub's `position`); null once outdated. */
  position: number | null;
  original_position: number;
  side: string;
  body: string;
  user: string;
  /** The newest head the comment still applies to. */
  commit_id: string;
  original_commit_id: string;
  diff_hunk: string;
  created_at: string;
}
interface Review {
  id: number;
  pull: number;
  body: string;
  state: string;
  commit_id: string;
  user: string;
}

type Edit = [' ' | '-' | '+', string];
interface Hunk {
  header: string;
  newStart: number;
  newEnd: number;
  lines: string[];
}
interface Reply {
  status: number;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}
/** `raw`: the client asked for a file's bytes (`Accept: application/vnd.github.raw`). */
type Handler = (
  p: Record<string, string>,
  q: URLSearchParams,
  body: unknown,
  raw: boolean,
) => Reply;

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const HTML = 'https://github.com';
const DOCS = 'https://docs.github.com/rest';
/** GitHub's base64 has a line break every 60 characters. */
const base64 = (text: string) =>
  (
    Buffer.from(text)
      .toString('base64')
      .match(/.{1,60}/g) ?? []
  ).join('\n') + '\n';
const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** OpenAPI's `nullable` beside a oneOf (no `type`), which Ajv will not compile, as anyOf null. */
function nullableAsAnyOf(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullableAsAnyOf);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, nullableAsAnyOf(v)]));
  if (!nullable) return out;
  return 'type' in rest ? { ...out, nullable } : { anyOf: [out, { type: 'null' }] };
}
const loose = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const looseCompiled = new Map<string, ReturnType<typeof loose.compile>>();

/**
 * assertDocumentedRequest, except that a body schema the shared checker cannot compile (issues
 * create and update: `nullable` without `type`) is checked here, with that construct rewritten.
 */
function documentedRequest(method: string, url: string, body: unknown): string {
  try {
    return assertDocumentedRequest(method, url, body);
  } catch (error) {
    if (!/cannot be used without/.test((error as Error).message)) throw error;
    const op = operationFor(method, url);
    let validate = looseCompiled.get(op.operationId);
    if (!validate) {
      const schema = op.requestBody?.content['application/json']?.schema;
      validate = loose.compile(nullableAsAnyOf(schema) as object);
      looseCompiled.set(op.operationId, validate);
    }
    if (!validate(body))
      throw new Error(
        `${op.operationId}: body does not match the schema: ${loose.errorsText(validate.errors)}`,
        { cause: error },
      );
    assertNoUndeclaredProperties(
      op.operationId,
      op.requestBody?.content['application/json']?.schema,
      body,
    );
    return op.operationId;
  }
}

/** A line diff (common prefix/suffix, then LCS on the middle) as edits. */
function lineDiff(before: string, after: string): Edit[] {
  return diffLines(lines(before), lines(after));
}

/** diffLines of two lists of lines. */
function diffLines(a: string[], b: string[]): Edit[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a.at(-1 - suf) === b.at(-1 - suf)) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const n = am.length;
  const m = bm.length;
  const mid: Edit[] = [];
  if (n * m <= 4_000_000) {
    const t = new Uint32Array((n + 1) * (m + 1));
    const at = (i: number, j: number) => t[i * (m + 1) + j]!;
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        t[i * (m + 1) + j] =
          am[i] === bm[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (am[i] === bm[j]) {
        mid.push([' ', am[i++]!]);
        j++;
      } else if (at(i + 1, j) >= at(i, j + 1)) mid.push(['-', am[i++]!]);
      else mid.push(['+', bm[j++]!]);
    }
    while (i < n) mid.push(['-', am[i++]!]);
    while (j < m) mid.push(['+', bm[j++]!]);
  } else {
    mid.push(...am.map((l): Edit => ['-', l]), ...bm.map((l): Edit => ['+', l]));
  }
  const same = (l: string): Edit => [' ', l];
  return [...a.slice(0, pre).map(same), ...mid, ...a.slice(a.length - suf).map(same)];
}

/**
 * A three-way merge of a file's lines, as git's: the changes each side made since `base`, where
 * they overlap or touch, must be the same change; otherwise null (a conflict).
 */
function merge3(base: string, ours: string, theirs: string): string | null {
  interface Change {
    start: number;
    end: number;
    lines: string[];
    side: number;
  }
  const b = base.split('\n');
  const changesOf = (text: string, side: number) => {
    const out: Change[] = [];
    let at = 0;
    let open: Change | null = null;
    for (const [op, line] of diffLines(b, text.split('\n'))) {
      if (op === ' ') {
        if (open) out.push(open);
        open = null;
        at++;
        continue;
      }
      open ??= { start: at, end: at, lines: [], side };
      if (op === '-') open.end = ++at;
      else open.lines.push(line);
    }
    if (open) out.push(open);
    return out;
  };
  const all = [...changesOf(ours, 0), ...changesOf(theirs, 1)].sort(
    (x, y) => x.start - y.start || x.end - y.end,
  );
  /** base[from, to) with one side's changes in it applied. */
  const apply = (group: Change[], side: number, from: number, to: number) => {
    const out: string[] = [];
    let at = from;
    for (const c of group.filter((g) => g.side === side)) {
      out.push(...b.slice(at, c.start), ...c.lines);
      at = c.end;
    }
    return [...out, ...b.slice(at, to)];
  };
  const merged: string[] = [];
  let at = 0;
  for (let k = 0; k < all.length;) {
    const start = all[k]!.start;
    let end = all[k]!.end;
    let j = k + 1;
    while (j < all.length && all[j]!.start <= end) end = Math.max(end, all[j++]!.end);
    const group = all.slice(k, j);
    const mine = apply(group, 0, start, end);
    const yours = apply(group, 1, start, end);
    const both = group.some((c) => c.side === 0) && group.some((c) => c.side === 1);
    if (both && mine.join('\n') !== yours.join('\n')) return null;
    merged.push(...b.slice(at, start), ...(group.some((c) => c.side === 0) ? mine : yours));
    at = end;
    k = j;
  }
  return [...merged, ...b.slice(at)].join('\n');
}

/**
 * Where line `line` of `before` is in `after`: its new number if the line is unchanged (lines
 * above it may have been added or removed), null if it was changed or removed.
 */
function lineAfter(before: string | null, after: string | null, line: number): number | null {
  if (before === null || after === null) return null;
  let [o, n] = [0, 0];
  for (const [op] of lineDiff(before, after)) {
    if (op !== '+') o++;
    if (op !== '-') n++;
    if (o === line && op !== '+') return op === ' ' ? n : null;
  }
  return null;
}

/** Unified-diff hunks with three lines of context, as git writes them. */
function toHunks(edits: Edit[]): Hunk[] {
  const ranges: [number, number][] = [];
  edits.forEach(([op], i) => {
    if (op === ' ') return;
    const [lo, hi] = [Math.max(0, i - 3), Math.min(edits.length - 1, i + 3)];
    const last = ranges.at(-1);
    if (last && lo <= last[1] + 1) last[1] = hi;
    else ranges.push([lo, hi]);
  });
  const oldNo: number[] = [];
  const newNo: number[] = [];
  let [o, nw] = [0, 0];
  for (const [op] of edits) {
    oldNo.push(o);
    newNo.push(nw);
    if (op !== '+') o++;
    if (op !== '-') nw++;
  }
  return ranges.map(([lo, hi]) => {
    const part = edits.slice(lo, hi + 1);
    const ol = part.filter(([op]) => op !== '+').length;
    const nl = part.filter(([op]) => op !== '-').length;
    const span = (start: number, count: number) =>
      count === 1 ? `${start + 1}` : `${count === 0 ? start : start + 1},${count}`;
    return {
      header: `@@ -${span(oldNo[lo]!, ol)} +${span(newNo[lo]!, nl)} @@`,
      newStart: newNo[lo]! + 1,
      newEnd: newNo[lo]! + nl,
      lines: part.map(([op, text]) => op + text),
    };
  });
}

export async function startFakeGitHub(init: FakeGitHubInit) {
  const { owner, repo } = init;
  const fullName = `${owner}/${repo}`;
  const defaultBranch = init.defaultBranch ?? 'main';
  const app = init.app ?? { id: 1, slug: 'awesome-curator' };
  const installationId = init.installationId ?? 42;
  const botLogin = `${app.slug}[bot]`;
  const collaborators: Record<string, Role> = { [owner]: 'admin', ...init.collaborators };
  let api = ''; // the fake's own URL, known once it listens
  const repoApi = () => `${api}/repos/${fullName}`;

  let tick = 0;
  const now = () =>
    new Date(Date.UTC(2026, 0, 1) + 1000 * tick++).toISOString().replace('.000', '');
  let nextId = 1000;
  const newId = () => nextId++;
  const userIds = new Map<string, number>();
  const user = (login: string) => {
    if (!userIds.has(login)) userIds.set(login, 100 + userIds.size);
    return fakeUser(login, userIds.get(login)!, login.endsWith('[bot]') ? 'Bot' : 'User');
  };
  user(owner); // the owner and the bot get the first user ids
  user(botLogin);
  const person = (login: string): Person => ({
    name: login,
    email: `${user(login).id}+${login}@users.noreply.github.com`,
    date: now(),
  });

  // ---- git objects ----
  const blobs = new Map<string, string>();
  const trees = new Map<string, Map<string, string>>();
  const commits = new Map<string, Commit>();
  const refs = new Map<string, string>(); // 'heads/main' -> commit sha

  const putBlob = (content: string) => {
    const sha = sha1(`blob ${Buffer.byteLength(content)}\0${content}`);
    blobs.set(sha, content);
    return sha;
  };
  const putTree = (entries: Map<string, string>) => {
    const sorted = new Map([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
    const sha = sha1(`tree ${JSON.stringify([...sorted])}`);
    trees.set(sha, sorted);
    return sha;
  };
  const putCommit = (c: Commit) => {
    const sha = sha1(`commit ${JSON.stringify(c)} ${tick}`);
    commits.set(sha, c);
    return sha;
  };
  /** A branch name, `heads/x`, `refs/heads/x` or a commit sha, to a commit sha. */
  const resolve = (ref: string): string | undefined => {
    if (commits.has(ref)) return ref;
    const name = ref.replace(/^refs\//, '').replace(/^heads\//, '');
    return refs.get(`heads/${name}`);
  };
  const treeOf = (commit: string) => trees.get(commits.get(commit)!.tree)!;
  const ancestors = (sha: string) => {
    const seen = new Set<string>();
    const todo = [sha];
    while (todo.length) {
      const s = todo.shift()!;
      if (seen.has(s)) continue;
      seen.add(s);
      todo.push(...(commits.get(s)?.parents ?? []));
    }
    return seen;
  };
  const mergeBase = (a: string, b: string) => {
    const mine = ancestors(a);
    return [...ancestors(b)].find((s) => mine.has(s));
  };
  const onlyIn = (head: string, base: string) => {
    const exclude = ancestors(base);
    return [...ancestors(head)].filter((s) => !exclude.has(s)).reverse();
  };
  const commitChanges = (
    parent: string | undefined,
    files: Record<string, string | null>,
    message: string,
    author: string,
  ) => {
    const entries = new Map(parent ? treeOf(parent) : []);
    for (const [path, text] of Object.entries(files))
      if (text === null) entries.delete(path);
      else entries.set(path, putBlob(text));
    return putCommit({
      tree: putTree(entries),
      parents: parent ? [parent] : [],
      message,
      author: person(author),
    });
  };
  refs.set(`heads/${defaultBranch}`, commitChanges(undefined, init.files, 'Initial commit', owner));

  interface FileChange {
    path: string;
    before?: string | undefined;
    after?: string | undefined;
  }
  const changes = (from: string, to: string): FileChange[] => {
    const [a, b] = [treeOf(from), treeOf(to)];
    return [...new Set([...a.keys(), ...b.keys()])]
      .sort()
      .filter((path) => a.get(path) !== b.get(path))
      .map((path) => ({ path, before: a.get(path), after: b.get(path) }));
  };
  const hunksOf = (c: FileChange) =>
    toHunks(lineDiff(c.before ? blobs.get(c.before)! : '', c.after ? blobs.get(c.after)! : ''));
  /**
   * Line `line` of the new file in a file's diff: its hunk, its index in the hunk and its
   * position (GitHub's: lines below the first hunk header, later headers counted), or undefined
   * when the diff does not show it.
   */
  const placeInDiff = (c: FileChange, line: number) => {
    let position = 0;
    for (const [k, hunk] of hunksOf(c).entries()) {
      if (k > 0) position++;
      let n = hunk.newStart - 1;
      for (const [i, l] of hunk.lines.entries()) {
        position++;
        if (!l.startsWith('-') && ++n === line) return { hunk, index: i, position };
      }
    }
    return undefined;
  };
  const textAt = (sha: string, path: string) => {
    const blob = treeOf(sha).get(path);
    return blob === undefined ? null : blobs.get(blob)!;
  };
  const renderFile = (c: FileChange, ref: string) => {
    const edits = lineDiff(
      c.before ? blobs.get(c.before)! : '',
      c.after ? blobs.get(c.after)! : '',
    );
    const additions = edits.filter(([op]) => op === '+').length;
    const deletions = edits.filter(([op]) => op === '-').length;
    return {
      sha: c.after ?? c.before!,
      filename: c.path,
      status: !c.before ? 'added' : !c.after ? 'removed' : 'modified',
      additions,
      deletions,
      changes: additions + deletions,
      blob_url: `${HTML}/${fullName}/blob/${ref}/${c.path}`,
      raw_url: `${HTML}/${fullName}/raw/${ref}/${c.path}`,
      contents_url: `${repoApi()}/contents/${encodeURIComponent(c.path)}?ref=${ref}`,
      patch: toHunks(edits)
        .map((h) => [h.header, ...h.lines].join('\n'))
        .join('\n'),
    };
  };

  // ---- the App's own events, delivered back to it (opt in: deliverTo) ----
  interface OwnEvent {
    id: string;
    event: string;
    action: string | null;
    payload: Record<string, unknown>;
    /** The App server's answer, null until it comes. */
    status: number | null;
  }
  let target: { url: string; secret: string } | null = null;
  /** The request being handled came from the App (an installation token). */
  let byApp = false;
  let closing = false;
  let pumping = false;
  let deliveryCount = 0;
  const ownEvents: OwnEvent[] = [];
  const outbox: OwnEvent[] = [];
  let quietWaiters: (() => void)[] = [];
  /** This fake as the payload builders take it (set before the first request can arrive). */
  const self: { fake?: FakeGitHub } = {};
  /** Queues the delivery of an event the App's current write caused, built from the state now. */
  const emit = (event: string, build: (fake: FakeGitHub) => Record<string, unknown>) => {
    if (!target || !byApp || closing) return;
    const payload = build(self.fake!);
    const e: OwnEvent = {
      id: `fake-github-${++deliveryCount}`,
      event,
      action: typeof payload.action === 'string' ? payload.action : null,
      payload,
      status: null,
    };
    ownEvents.push(e);
    outbox.push(e);
  };
  const wakeIfQuiet = () => {
    if (pumping || outbox.length) return;
    const wake = quietWaiters;
    quietWaiters = [];
    for (const w of wake) w();
  };
  /** Sends the queued deliveries in order, each once the one before it was answered. */
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    while (outbox.length && target && !closing) {
      const e = outbox[0]!;
      const what = `the App's own ${e.action ? `${e.event}.${e.action}` : e.event} (${e.id})`;
      try {
        const res = await sendDelivery(target.url, { ...e, secret: target.secret });
        e.status = res.status;
        if (res.status !== 200 && res.status !== 202 && !closing)
          violations.push(`the delivery of ${what} was answered ${res.status}: ${res.body.trim()}`);
      } catch (error) {
        if (!closing)
          violations.push(`the delivery of ${what} failed: ${(error as Error).message}`);
      }
      outbox.shift();
    }
    if (closing) outbox.length = 0;
    pumping = false;
    wakeIfQuiet();
  };
  const bot = (f: FakeGitHub) => ({ sender: f.render.user(botLogin) });

  // ---- issues, pull requests and the rest ----
  let nextNumber = 1;
  const pulls = new Map<number, PullRequest>();
  const issues = new Map<number, Issue>();
  const comments: IssueComment[] = [];
  const reactions: Reaction[] = [];
  const checkRuns: CheckRun[] = [];
  const reviews: Review[] = [];
  const reviewComments: ReviewComment[] = [];
  /** An open pull request follows its branches, as on GitHub. */
  const pull = (n: number) => {
    const pr = pulls.get(n);
    if (pr?.state === 'open') {
      pr.head.sha = resolve(pr.head.ref) ?? pr.head.sha;
      pr.base.sha = resolve(pr.base.ref) ?? pr.base.sha;
    }
    return pr;
  };
  /**
   * A pull request's head moved: each of its review comments follows its line as on GitHub. A
   * line still in the diff with the same text (perhaps at another number, lines above it added or
   * removed) keeps the comment; otherwise the comment is outdated: line and position null,
   * original_line and the diff hunk kept.
   */
  const followHead = (pr: PullRequest) => {
    const head = pr.head.sha;
    const files = changes(mergeBase(pr.base.sha, head) ?? pr.base.sha, head);
    for (const c of reviewComments) {
      if (c.pull !== pr.number || c.line === null || c.side !== 'RIGHT') continue;
      const line = lineAfter(textAt(c.commit_id, c.path), textAt(head, c.path), c.line);
      const file = files.find((f) => f.path === c.path);
      const place = line === null || !file ? undefined : placeInDiff(file, line);
      if (place) Object.assign(c, { line, position: place.position, commit_id: head });
      else Object.assign(c, { line: null, position: null });
    }
  };
  /**
   * Every branch write goes here: the open pull requests on the branch follow it, and a write by
   * the App is delivered back to it as GitHub does: a push, and a synchronize for each of them.
   */
  const moveRef = (name: string, sha: string | null) => {
    const before = refs.get(name) ?? null;
    const branch = name.replace(/^heads\//, '');
    const following = [...pulls.keys()]
      .map((n) => pull(n)!)
      .filter((pr) => pr.state === 'open' && pr.head.ref === branch)
      .map((pr) => ({ pr, old: pr.head.sha }));
    if (sha === null) refs.delete(name);
    else refs.set(name, sha);
    const forced = before !== null && sha !== null && !ancestors(sha).has(before);
    emit('push', (f) =>
      pushPayload(f, {
        ref: `refs/${name}`,
        before: before ?? ZERO,
        after: sha ?? ZERO,
        pusher: botLogin,
        forced,
      }),
    );
    for (const { pr, old } of following) {
      if (pull(pr.number)!.head.sha === old) continue;
      followHead(pr);
      emit('pull_request', (f) =>
        pullRequestPayload(f, pr.number, 'synchronize', { before: old, ...bot(f) }),
      );
    }
  };

  // ---- REST shapes (all documented required keys present) ----
  const association = (login: string) =>
    login === owner ? 'OWNER' : collaborators[login] ? 'COLLABORATOR' : 'NONE';
  const renderApp = () => ({
    id: app.id,
    slug: app.slug,
    client_id: `Iv1.${app.id}`,
    node_id: `A_${app.id}`,
    owner: user(owner),
    name: app.slug,
    description: 'fake app',
    external_url: 'https://example.com',
    html_url: `${HTML}/apps/${app.slug}`,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    permissions: { checks: 'write', contents: 'write', issues: 'write', pull_requests: 'write' },
    events: ['pull_request', 'issue_comment', 'issues', 'push'],
  });
  const renderRepo = () => {
    const r = repoApi();
    const urls = Object.fromEntries(
      'archive:/{archive_format}{/ref} assignees:/assignees{/user} blobs:/git/blobs{/sha} branches:/branches{/branch} collaborators:/collaborators{/collaborator} comments:/comments{/number} commits:/commits{/sha} compare:/compare/{base}...{head} contents:/contents/{+path} contributors:/contributors deployments:/deployments downloads:/downloads events:/events forks:/forks git_commits:/git/commits{/sha} git_refs:/git/refs{/sha} git_tags:/git/tags{/sha} hooks:/hooks issue_comment:/issues/comments{/number} issue_events:/issues/events{/number} issues:/issues{/number} keys:/keys{/key_id} labels:/labels{/name} languages:/languages merges:/merges milestones:/milestones{/number} notifications:/notifications{?since,all,participating} pulls:/pulls{/number} releases:/releases{/id} stargazers:/stargazers statuses:/statuses/{sha} subscribers:/subscribers subscription:/subscription tags:/tags teams:/teams trees:/git/trees{/sha}'
        .split(' ')
        .map((pair) => {
          const [key, suffix] = pair.split(':') as [string, string];
          return [`${key}_url`, r + suffix];
        }),
    );
    return {
      id: 4242,
      node_id: 'R_4242',
      name: repo,
      full_name: fullName,
      owner: user(owner),
      private: false,
      visibility: 'public',
      description: null,
      fork: false,
      url: r,
      html_url: `${HTML}/${fullName}`,
      ...urls,
      clone_url: `${HTML}/${fullName}.git`,
      git_url: `git://github.com/${fullName}.git`,
      ssh_url: `git@github.com:${fullName}.git`,
      svn_url: `${HTML}/${fullName}`,
      mirror_url: null,
      homepage: null,
      language: null,
      default_branch: defaultBranch,
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers: 0,
      watchers_count: 0,
      open_issues: 0,
      open_issues_count: 0,
      size: 1,
      has_issues: true,
      has_downloads: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_discussions: false,
      archived: false,
      disabled: false,
      license: null,
      network_count: 0,
      subscribers_count: 0,
      pushed_at: '2026-01-01T00:00:00Z',
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    };
  };
  const renderRef = (name: string) => ({
    ref: `refs/${name}`,
    node_id: `REF_${sha1(name).slice(0, 12)}`,
    url: `${repoApi()}/git/refs/${name}`,
    object: {
      type: 'commit',
      sha: refs.get(name)!,
      url: `${repoApi()}/git/commits/${refs.get(name)!}`,
    },
  });
  const renderGitCommit = (sha: string) => {
    const c = commits.get(sha)!;
    return {
      sha,
      node_id: `C_${sha.slice(0, 12)}`,
      url: `${repoApi()}/git/commits/${sha}`,
      html_url: `${HTML}/${fullName}/commit/${sha}`,
      author: c.author,
      committer: c.author,
      tree: { sha: c.tree, url: `${repoApi()}/git/trees/${c.tree}` },
      message: c.message,
      parents: c.parents.map((p) => ({
        sha: p,
        url: `${repoApi()}/git/commits/${p}`,
        html_url: `${HTML}/${fullName}/commit/${p}`,
      })),
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
        verified_at: null,
      },
    };
  };
  const renderCommit = (sha: string) => {
    const git = renderGitCommit(sha);
    const login = git.author.name;
    return {
      sha,
      node_id: git.node_id,
      url: `${repoApi()}/commits/${sha}`,
      html_url: git.html_url,
      comments_url: `${repoApi()}/commits/${sha}/comments`,
      commit: { ...git, comment_count: 0, url: git.url },
      author: userIds.has(login) ? user(login) : null,
      committer: userIds.has(login) ? user(login) : null,
      parents: git.parents,
    };
  };
  const renderPull = (n: number) => {
    const pr = pull(n)!;
    const dirty = pr.state === 'open' && mergeOf(pr).conflicts.length > 0;
    const url = `${repoApi()}/pulls/${n}`;
    const html = `${HTML}/${fullName}/pull/${n}`;
    const issue = `${repoApi()}/issues/${n}`;
    const side = (s: { ref: string; sha: string }) => ({
      label: `${owner}:${s.ref}`,
      ref: s.ref,
      sha: s.sha,
      user: user(owner),
      repo: renderRepo(),
    });
    const files = changes(mergeBase(pr.base.sha, pr.head.sha) ?? pr.base.sha, pr.head.sha);
    const stats = files.map((f) => renderFile(f, pr.head.sha));
    return {
      url,
      id: pr.id,
      node_id: `PR_${pr.id}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issue,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${repoApi()}/pulls/comments{/number}`,
      comments_url: `${issue}/comments`,
      statuses_url: `${repoApi()}/statuses/${pr.head.sha}`,
      number: n,
      state: pr.state,
      locked: false,
      title: pr.title,
      user: user(pr.user),
      body: pr.body,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: pr.created_at,
      updated_at: pr.updated_at,
      closed_at: pr.closed_at,
      merged_at: pr.merged_at,
      merge_commit_sha: pr.merge_commit_sha,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: side(pr.head),
      base: side(pr.base),
      _links: {
        self: { href: url },
        html: { href: html },
        issue: { href: issue },
        comments: { href: `${issue}/comments` },
        review_comments: { href: `${url}/comments` },
        review_comment: { href: `${repoApi()}/pulls/comments{/number}` },
        commits: { href: `${url}/commits` },
        statuses: { href: `${repoApi()}/statuses/${pr.head.sha}` },
      },
      author_association: association(pr.user),
      auto_merge: null,
      draft: pr.draft,
      merged: pr.merged,
      mergeable: pr.state === 'open' ? !dirty : null,
      rebaseable: pr.state === 'open' ? !dirty : null,
      mergeable_state: pr.state === 'open' ? (dirty ? 'dirty' : 'clean') : 'unknown',
      merged_by: pr.merged ? user(pr.merged_by ?? owner) : null,
      comments: comments.filter((c) => c.issue === n).length,
      review_comments: reviewComments.filter((c) => c.pull === n).length,
      maintainer_can_modify: false,
      commits: onlyIn(pr.head.sha, pr.base.sha).length,
      additions: stats.reduce((s, f) => s + f.additions, 0),
      deletions: stats.reduce((s, f) => s + f.deletions, 0),
      changed_files: stats.length,
    };
  };
  const renderReactions = (url: string, list: Reaction[]) => {
    const count = (c: string) => list.filter((r) => r.content === c).length;
    const kinds = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'eyes', 'rocket'];
    return {
      url,
      total_count: list.length,
      ...Object.fromEntries(kinds.map((k) => [k, count(k)])),
    };
  };
  const renderIssue = (n: number) => {
    const pr = pull(n);
    const it = pr ?? issues.get(n)!; // what a pull request and an issue share
    const url = `${repoApi()}/issues/${n}`;
    const html = `${HTML}/${fullName}/${pr ? 'pull' : 'issues'}/${n}`;
    return {
      id: it.id,
      node_id: `I_${it.id}`,
      url,
      repository_url: repoApi(),
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: html,
      number: n,
      state: it.state,
      state_reason: pr ? null : issues.get(n)!.state_reason,
      title: it.title,
      body: it.body,
      user: user(it.user),
      labels: (issues.get(n)?.labels ?? []).map((name, i) => ({
        id: i + 1,
        node_id: `LA_${i + 1}`,
        url: `${repoApi()}/labels/${encodeURIComponent(name)}`,
        name,
        description: null,
        color: 'ededed',
        default: false,
      })),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: comments.filter((c) => c.issue === n).length,
      closed_at: it.closed_at,
      created_at: it.created_at,
      updated_at: it.updated_at,
      author_association: association(it.user),
      ...(pr && {
        pull_request: {
          url: `${repoApi()}/pulls/${n}`,
          html_url: html,
          diff_url: `${html}.diff`,
          patch_url: `${html}.patch`,
          merged_at: pr.merged_at,
        },
      }),
    };
  };
  const renderComment = (c: IssueComment) => {
    const url = `${repoApi()}/issues/comments/${c.id}`;
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url,
      html_url: `${HTML}/${fullName}/${pulls.has(c.issue) ? 'pull' : 'issues'}/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${repoApi()}/issues/${c.issue}`,
      body: c.body,
      user: user(c.user),
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: association(c.user),
      performed_via_github_app: c.viaApp ? renderApp() : null,
      reactions: renderReactions(
        `${url}/reactions`,
        reactions.filter((r) => r.comment === c.id),
      ),
    };
  };
  const renderReaction = (r: Reaction) => ({
    id: r.id,
    node_id: `REA_${r.id}`,
    user: user(r.user),
    content: r.content,
    created_at: r.created_at,
  });
  const renderCheckRun = (run: CheckRun) => ({
    id: run.id,
    node_id: `CR_${run.id}`,
    head_sha: run.head_sha,
    name: run.name,
    external_id: run.external_id,
    url: `${repoApi()}/check-runs/${run.id}`,
    html_url: `${HTML}/${fullName}/runs/${run.id}`,
    details_url: run.details_url,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotations.length,
      annotations_url: `${repoApi()}/check-runs/${run.id}/annotations`,
    },
    check_suite: { id: 1 },
    app: renderApp(),
    pull_requests: [...pulls.keys()]
      .map((n) => pull(n)!)
      .filter((pr) => pr.state === 'open' && pr.head.sha === run.head_sha)
      .map((pr) => {
        const side = (s: { ref: string; sha: string }) => ({
          ref: s.ref,
          sha: s.sha,
          repo: { id: 4242, url: repoApi(), name: repo },
        });
        return {
          id: pr.id,
          number: pr.number,
          url: `${repoApi()}/pulls/${pr.number}`,
          head: side(pr.head),
          base: side(pr.base),
        };
      }),
  });
  const renderReviewComment = (c: ReviewComment) => {
    const url = `${repoApi()}/pulls/comments/${c.id}`;
    const html = `${HTML}/${fullName}/pull/${c.pull}#discussion_r${c.id}`;
    const pr = `${repoApi()}/pulls/${c.pull}`;
    return {
      url,
      id: c.id,
      node_id: `PRRC_${c.id}`,
      pull_request_review_id: c.review,
      diff_hunk: c.diff_hunk,
      path: c.path,
      // GitHub sends null for an outdated comment's line and position, which its OpenAPI
      // description does not say (github/rest-api-description#1901); the keys are optional there.
      line: c.line,
      original_line: c.original_line,
      position: c.position,
      original_position: c.original_position,
      start_line: null,
      original_start_line: null,
      side: c.side,
      commit_id: c.commit_id,
      original_commit_id: c.original_commit_id,
      subject_type: 'line',
      user: user(c.user),
      body: c.body,
      created_at: c.created_at,
      updated_at: c.created_at,
      html_url: html,
      pull_request_url: pr,
      author_association: association(c.user),
      _links: { self: { href: url }, html: { href: html }, pull_request: { href: pr } },
    };
  };
  const renderReview = (r: Review) => {
    const html = `${HTML}/${fullName}/pull/${r.pull}#pullrequestreview-${r.id}`;
    const pr = `${repoApi()}/pulls/${r.pull}`;
    return {
      id: r.id,
      node_id: `PRR_${r.id}`,
      user: user(r.user),
      body: r.body,
      state: r.state,
      commit_id: r.commit_id,
      html_url: html,
      pull_request_url: pr,
      author_association: association(r.user),
      submitted_at: now(),
      _links: { html: { href: html }, pull_request: { href: pr } },
    };
  };

  // ---- operations shared by HTTP and the JS control API ----
  const fail = (status: number, message: string, errors?: unknown[]): Reply => ({
    status,
    body: { message, documentation_url: DOCS, status: String(status), ...(errors && { errors }) },
  });
  const notFound = () => fail(404, 'Not Found');
  /** GitHub refuses a body (comment, issue, PR, review) longer than this, in characters. */
  const MAX_BODY = 65_536;
  const overLimit = (text: unknown) =>
    typeof text === 'string' && text.length > MAX_BODY && [...text].length > MAX_BODY;
  const tooLong = (resource: string, text: unknown): Reply | undefined =>
    overLimit(text)
      ? fail(422, 'Validation Failed', [
          {
            resource,
            code: 'custom',
            field: 'body',
            message: `body is too long (maximum is ${MAX_BODY} characters)`,
          },
        ])
      : undefined;
  /** Repository settings a test can switch. */
  const settings = { actionsMayCreatePullRequests: true };
  const createPull = (
    b: { title: string; head: string; base: string; body?: string | null; draft?: boolean },
    login: string,
  ): Reply => {
    const [who, branch] = b.head.includes(':') ? b.head.split(':', 2) : [owner, b.head];
    const head = who!.toLowerCase() === owner.toLowerCase() ? branch! : '';
    const [headSha, baseSha] = [head && resolve(head), resolve(b.base)];
    if (!headSha || !baseSha)
      return fail(422, 'Validation Failed', [
        { resource: 'PullRequest', field: headSha ? 'base' : 'head', code: 'invalid' },
      ]);
    const dup = [...pulls.values()].find(
      (p) => p.state === 'open' && p.head.ref === head && p.base.ref === b.base,
    );
    if (dup)
      return fail(422, 'Validation Failed', [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${owner}:${head}.`,
        },
      ]);
    if (onlyIn(headSha, baseSha).length === 0)
      return fail(422, 'Validation Failed', [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `No commits between ${b.base} and ${head}`,
        },
      ]);
    const number = nextNumber++;
    const at = now();
    pulls.set(number, {
      number,
      id: newId(),
      title: b.title,
      body: b.body ?? null,
      state: 'open',
      merged: false,
      draft: b.draft ?? false,
      head: { ref: head, sha: headSha },
      base: { ref: b.base, sha: baseSha },
      user: login,
      created_at: at,
      updated_at: at,
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
    });
    emit('pull_request', (f) => pullRequestPayload(f, number, 'opened'));
    return { status: 201, body: renderPull(number) };
  };
  /**
   * A pull request merged into its base as GitHub merges it (git's three-way merge, file by
   * file): what to write on the base, and the paths in conflict: a file one side deleted and the
   * other changed, or changes of both sides to the same lines (or touching lines) that differ.
   */
  const mergeOf = (pr: PullRequest) => {
    const base = mergeBase(pr.base.sha, pr.head.sha) ?? pr.base.sha;
    const onBase = new Map(changes(base, pr.base.sha).map((c) => [c.path, c]));
    const text = (blob: string | undefined) => (blob === undefined ? null : blobs.get(blob)!);
    const files: Record<string, string | null> = {};
    const conflicts: string[] = [];
    for (const c of changes(base, pr.head.sha)) {
      const other = onBase.get(c.path);
      if (!other) files[c.path] = text(c.after);
      else if (other.after === c.after)
        continue; // the same change on both sides
      else if (c.after === undefined || other.after === undefined) conflicts.push(c.path);
      else {
        const merged = merge3(text(c.before) ?? '', text(other.after)!, text(c.after)!);
        if (merged === null) conflicts.push(c.path);
        else files[c.path] = merged;
      }
    }
    return { base, files, conflicts };
  };
  const closePull = (
    n: number,
    {
      merged = false,
      method = 'merge',
      by = owner,
      title,
    }: {
      merged?: boolean;
      method?: 'merge' | 'squash' | 'rebase';
      by?: string;
      title?: string | undefined;
    } = {},
  ) => {
    const pr = pull(n);
    if (!pr || pr.state !== 'open') throw new Error(`pull request #${n} is not open`);
    if (merged) {
      const { base, files, conflicts } = mergeOf(pr);
      if (conflicts.length) throw new Error(`merge conflict: ${conflicts.join(', ')}`);
      let sha = pr.head.sha;
      if (base !== pr.base.sha || method !== 'merge') {
        // The base's tree with the head's changes since the merge base: a merge commit, or for
        // squash and rebase one commit on the base.
        sha = commitChanges(
          pr.base.sha,
          files,
          title ??
            (method === 'merge'
              ? `Merge pull request #${n} from ${owner}/${pr.head.ref}`
              : `${pr.title} (#${n})`),
          by,
        );
        if (method === 'merge') commits.get(sha)!.parents.push(pr.head.sha);
      }
      moveRef(`heads/${pr.base.ref}`, sha);
      Object.assign(pr, { merged: true, merged_at: now(), merge_commit_sha: sha, merged_by: by });
    }
    Object.assign(pr, { state: 'closed', closed_at: now(), updated_at: now() });
    return pr;
  };
  const openIssue = (b: {
    title: string;
    body?: string | null;
    labels?: string[];
    user?: string;
  }) => {
    const at = now();
    const issue: Issue = {
      number: nextNumber++,
      id: newId(),
      title: b.title,
      body: b.body ?? null,
      state: 'open',
      state_reason: null,
      labels: b.labels ?? [],
      user: b.user ?? owner,
      created_at: at,
      updated_at: at,
      closed_at: null,
    };
    issues.set(issue.number, issue);
    return issue;
  };
  const addComment = (issue: number, b: { body: string; user?: string }, viaApp = false) => {
    if (!issues.has(issue) && !pulls.has(issue)) throw new Error(`no issue #${issue}`);
    const at = now();
    const c: IssueComment = {
      id: newId(),
      issue,
      body: b.body,
      user: b.user ?? owner,
      viaApp,
      created_at: at,
      updated_at: at,
    };
    comments.push(c);
    return c;
  };
  /** GitHub pages lists 30 at a time and links to the next page. */
  const paged = (path: string, q: URLSearchParams, items: unknown[]): Reply => {
    const per = Number(q.get('per_page') ?? 30);
    const page = Number(q.get('page') ?? 1);
    const headers: Record<string, string> = {};
    if (page * per < items.length) {
      const next = new URLSearchParams(q);
      next.set('page', String(page + 1));
      headers.link = `<${api}${path}?${next}>; rel="next"`;
    }
    return { status: 200, body: items.slice((page - 1) * per, page * per), headers };
  };

  // ---- routes ----
  const routes: { method: string; parts: string[]; handler: Handler }[] = [];
  const on = (method: string, pattern: string, handler: Handler) =>
    routes.push({ method, parts: pattern.split('/').slice(1), handler });
  const R = '/repos/:owner/:repo';

  on('POST', '/app/installations/:id/access_tokens', () => ({
    status: 201,
    body: {
      token: 'ghs_fake',
      expires_at: new Date(Date.now() + 3600_000).toISOString(),
      permissions: renderApp().permissions,
      repository_selection: 'all',
    },
  }));
  on('GET', '/app', () => ({ status: 200, body: renderApp() }));
  on('GET', '/app/installations', () => ({
    status: 200,
    body: [
      {
        id: installationId,
        account: user(owner),
        app_id: app.id,
        app_slug: app.slug,
        target_id: user(owner).id,
        target_type: 'User',
        single_file_name: null,
        repository_selection: 'all',
        access_tokens_url: `${api}/app/installations/${installationId}/access_tokens`,
        repositories_url: `${api}/installation/repositories`,
        html_url: `${HTML}/settings/installations/${installationId}`,
        events: renderApp().events,
        permissions: renderApp().permissions,
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
        suspended_by: null,
        suspended_at: null,
      },
    ],
  }));
  on('GET', '/installation/repositories', () => ({
    status: 200,
    body: { total_count: 1, repositories: [renderRepo()] },
  }));
  on('GET', R, () => ({ status: 200, body: renderRepo() }));

  on('GET', `${R}/contents/*path`, (p, q, _b, raw) => {
    const sha = resolve(q.get('ref') ?? defaultBranch);
    if (!sha) return notFound();
    const ref = q.get('ref') ?? defaultBranch;
    const tree = treeOf(sha);
    const entry = (path: string, blob: string) => {
      const url = `${repoApi()}/contents/${encodeURIComponent(path)}?ref=${ref}`;
      const git = `${repoApi()}/git/blobs/${blob}`;
      const html = `${HTML}/${fullName}/blob/${ref}/${path}`;
      return {
        type: 'file',
        size: Buffer.byteLength(blobs.get(blob)!),
        name: path.split('/').pop()!,
        path,
        sha: blob,
        url,
        git_url: git,
        html_url: html,
        download_url: `https://raw.githubusercontent.com/${fullName}/${ref}/${path}`,
        _links: { self: url, git, html },
      };
    };
    const blob = tree.get(p.path!);
    if (blob === undefined) {
      const prefix = p.path === '' ? '' : `${p.path}/`;
      const below = [...tree.keys()].filter((k) => k.startsWith(prefix));
      if (!below.length) return notFound();
      const names = [...new Set(below.map((k) => k.slice(prefix.length).split('/')[0]!))];
      const list = names.map((name) => {
        const path = prefix + name;
        const file = tree.get(path);
        return file ? entry(path, file) : { ...entry(path, sha), type: 'dir', size: 0 };
      });
      return { status: 200, body: list };
    }
    const text = blobs.get(blob)!;
    if (raw) return { status: 200, raw: text };
    // Over 1 MB the contents API sends no content; the blob API still does.
    const big = Buffer.byteLength(text) > 1_000_000;
    return {
      status: 200,
      body: {
        ...entry(p.path!, blob),
        encoding: big ? 'none' : 'base64',
        content: big ? '' : base64(text),
      },
    };
  });
  on('GET', `${R}/git/blobs/:sha`, (p) => {
    const text = blobs.get(p.sha!);
    if (text === undefined) return notFound();
    return {
      status: 200,
      body: {
        sha: p.sha,
        node_id: `B_${p.sha!.slice(0, 12)}`,
        size: Buffer.byteLength(text),
        url: `${repoApi()}/git/blobs/${p.sha}`,
        content: base64(text),
        encoding: 'base64',
      },
    };
  });
  on('POST', `${R}/git/blobs`, (_p, _q, body) => {
    const b = body as { content: string; encoding?: string };
    const text =
      b.encoding === 'base64' ? Buffer.from(b.content, 'base64').toString('utf8') : b.content;
    const sha = putBlob(text);
    return { status: 201, body: { sha, url: `${repoApi()}/git/blobs/${sha}` } };
  });
  // A tree by commit sha or branch name: the entries of the root folder (files and folders).
  on('GET', `${R}/git/trees/:sha`, (p) => {
    const sha = resolve(p.sha!);
    if (!sha) return notFound();
    const tree = treeOf(sha);
    const names = new Map<string, string | null>();
    for (const [path, blob] of tree) {
      const [first, ...rest] = path.split('/');
      names.set(first!, rest.length ? null : blob);
    }
    return {
      status: 200,
      body: {
        sha: commits.get(sha)!.tree,
        url: `${repoApi()}/git/trees/${commits.get(sha)!.tree}`,
        truncated: false,
        tree: [...names].map(([path, blob]) =>
          blob === null
            ? { path, mode: '040000', type: 'tree', sha: commits.get(sha)!.tree }
            : {
                path,
                mode: '100644',
                type: 'blob',
                sha: blob,
                size: Buffer.byteLength(blobs.get(blob)!),
                url: `${repoApi()}/git/blobs/${blob}`,
              },
        ),
      },
    };
  });
  on('POST', `${R}/git/trees`, (_p, _q, body) => {
    type Entry = {
      path: string;
      mode?: string;
      type?: string;
      sha?: string | null;
      content?: string;
    };
    const b = body as { base_tree?: string; tree: Entry[] };
    const base = b.base_tree === undefined ? new Map<string, string>() : trees.get(b.base_tree);
    if (!base) return fail(422, 'Invalid tree info', [{ code: 'invalid', field: 'base_tree' }]);
    const entries = new Map(base);
    for (const e of b.tree) {
      if (e.type && e.type !== 'blob')
        return fail(422, `Only blobs are supported by the fake: ${e.path}`);
      if (e.content !== undefined) entries.set(e.path, putBlob(e.content));
      else if (e.sha === null) entries.delete(e.path);
      else if (e.sha && blobs.has(e.sha)) entries.set(e.path, e.sha);
      else return fail(422, `tree.sha ${e.sha} is not a valid blob`);
    }
    const sha = putTree(entries);
    return {
      status: 201,
      body: {
        sha,
        url: `${repoApi()}/git/trees/${sha}`,
        truncated: false,
        tree: [...entries].map(([path, blob]) => ({
          path,
          mode: '100644',
          type: 'blob',
          sha: blob,
          size: Buffer.byteLength(blobs.get(blob)!),
          url: `${repoApi()}/git/blobs/${blob}`,
        })),
      },
    };
  });
  on('POST', `${R}/git/commits`, (_p, _q, body) => {
    const b = body as { message: string; tree: string; parents?: string[]; author?: Person };
    if (!trees.has(b.tree)) return fail(422, 'Tree SHA does not exist');
    const parents = b.parents ?? [];
    if (parents.some((s) => !commits.has(s)))
      return fail(422, 'Parent SHA does not exist or is not a commit object');
    const author = b.author ? { ...b.author, date: b.author.date ?? now() } : person(botLogin);
    const sha = putCommit({ tree: b.tree, parents, message: b.message, author });
    return { status: 201, body: renderGitCommit(sha) };
  });
  on('GET', `${R}/git/commits/:sha`, (p) =>
    commits.has(p.sha!) ? { status: 200, body: renderGitCommit(p.sha!) } : notFound(),
  );
  on('GET', `${R}/git/ref/*ref`, (p) =>
    refs.has(p.ref!) ? { status: 200, body: renderRef(p.ref!) } : notFound(),
  );
  on('POST', `${R}/git/refs`, (_p, _q, body) => {
    const b = body as { ref: string; sha: string };
    const name = b.ref.replace(/^refs\//, '');
    if (!/^refs\/heads\/./.test(b.ref)) return fail(422, `${b.ref} is not a valid ref name.`);
    if (refs.has(name)) return fail(422, 'Reference already exists');
    if (!commits.has(b.sha)) return fail(422, 'Object does not exist');
    moveRef(name, b.sha);
    return { status: 201, body: renderRef(name) };
  });
  on('PATCH', `${R}/git/refs/*ref`, (p, _q, body) => {
    const b = body as { sha: string; force?: boolean };
    const old = refs.get(p.ref!);
    if (!old) return fail(422, 'Reference does not exist');
    if (!commits.has(b.sha)) return fail(422, 'Object does not exist');
    if (!b.force && !ancestors(b.sha).has(old)) return fail(422, 'Update is not a fast forward');
    moveRef(p.ref!, b.sha);
    return { status: 200, body: renderRef(p.ref!) };
  });
  on('DELETE', `${R}/git/refs/*ref`, (p) => {
    if (!refs.has(p.ref!)) return fail(422, 'Reference does not exist');
    moveRef(p.ref!, null);
    return { status: 204 };
  });
  on('GET', `${R}/compare/*basehead`, (p) => {
    const [from, to] = p.basehead!.split('...') as [string, string | undefined];
    const [baseSha, headSha] = [resolve(from), to === undefined ? undefined : resolve(to)];
    if (!baseSha || !headSha) return notFound();
    const mb = mergeBase(baseSha, headSha);
    if (!mb) return notFound();
    const ahead = onlyIn(headSha, baseSha);
    const behind = onlyIn(baseSha, headSha);
    const status =
      ahead.length && behind.length
        ? 'diverged'
        : ahead.length
          ? 'ahead'
          : behind.length
            ? 'behind'
            : 'identical';
    const html = `${HTML}/${fullName}/compare/${p.basehead}`;
    return {
      status: 200,
      body: {
        url: `${repoApi()}/compare/${p.basehead}`,
        html_url: html,
        permalink_url: html,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        base_commit: renderCommit(baseSha),
        merge_base_commit: renderCommit(mb),
        status,
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        commits: ahead.map(renderCommit),
        files: changes(mb, headSha).map((c) => renderFile(c, headSha)),
      },
    };
  });

  on('GET', `${R}/pulls`, (_p, q) => {
    const state = q.get('state') ?? 'open';
    const head = q.get('head');
    const base = q.get('base');
    const list = [...pulls.keys()]
      .map((n) => pull(n)!)
      .filter((pr) => state === 'all' || pr.state === state)
      .filter((pr) => !head || head.toLowerCase() === `${owner}:${pr.head.ref}`.toLowerCase())
      .filter((pr) => !base || pr.base.ref === base)
      .sort((a, b) => b.number - a.number)
      .map((pr) => renderPull(pr.number));
    return paged(`/repos/${fullName}/pulls`, q, list);
  });
  on('POST', `${R}/pulls`, (_p, _q, body) =>
    settings.actionsMayCreatePullRequests
      ? (tooLong('PullRequest', (body as { body?: unknown }).body) ??
        createPull(body as Parameters<typeof createPull>[0], botLogin))
      : {
          // What GitHub answers a workflow token when "Allow GitHub Actions to create and
          // approve pull requests" is off.
          status: 403,
          body: {
            message: 'GitHub Actions is not permitted to create or approve pull requests.',
            documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
            status: '403',
          },
        },
  );
  on('GET', `${R}/pulls/:n`, (p) =>
    pulls.has(+p.n!) ? { status: 200, body: renderPull(+p.n!) } : notFound(),
  );
  on('PATCH', `${R}/pulls/:n`, (p, _q, body) => {
    const pr = pull(+p.n!);
    if (!pr) return notFound();
    const b = body as { title?: string; body?: string; state?: 'open' | 'closed'; base?: string };
    const refused = tooLong('PullRequest', b.body);
    if (refused) return refused;
    const was = pr.state;
    if (b.state === 'closed' && pr.state === 'open') closePull(pr.number);
    if (b.state === 'open' && pr.state === 'closed') {
      if (pr.merged || !resolve(pr.head.ref))
        return fail(422, 'Validation Failed', [{ code: 'invalid', field: 'state' }]);
      Object.assign(pr, { state: 'open', closed_at: null });
    }
    if (b.title !== undefined) pr.title = b.title;
    if (b.body !== undefined) pr.body = b.body;
    if (b.base !== undefined) pr.base.ref = b.base;
    pr.updated_at = now();
    if (pr.state !== was)
      emit('pull_request', (f) =>
        pullRequestPayload(f, pr.number, pr.state === 'closed' ? 'closed' : 'reopened', bot(f)),
      );
    return { status: 200, body: renderPull(pr.number) };
  });
  on('PUT', `${R}/pulls/:n/merge`, (p, _q, body) => {
    const pr = pull(+p.n!);
    if (!pr) return notFound();
    const b = (body ?? {}) as {
      sha?: string;
      merge_method?: 'merge' | 'squash' | 'rebase';
      commit_title?: string;
    };
    if (pr.state !== 'open' || mergeOf(pr).conflicts.length)
      return fail(405, 'Pull Request is not mergeable');
    if (b.sha !== undefined && b.sha !== pr.head.sha)
      return fail(409, 'Head branch was modified. Review and try the merge again.');
    closePull(pr.number, {
      merged: true,
      method: b.merge_method ?? 'merge',
      by: botLogin,
      title: b.commit_title,
    });
    emit('pull_request', (f) => pullRequestPayload(f, pr.number, 'closed', bot(f)));
    return {
      status: 200,
      body: { sha: pr.merge_commit_sha, merged: true, message: 'Pull Request successfully merged' },
    };
  });
  on('GET', `${R}/pulls/:n/files`, (p, q) => {
    const pr = pull(+p.n!);
    if (!pr) return notFound();
    const base = mergeBase(pr.base.sha, pr.head.sha) ?? pr.base.sha;
    const files = changes(base, pr.head.sha).map((c) => renderFile(c, pr.head.sha));
    return paged(`/repos/${fullName}/pulls/${pr.number}/files`, q, files);
  });
  on('GET', `${R}/pulls/:n/comments`, (p, q) => {
    if (!pulls.has(+p.n!)) return notFound();
    const list = reviewComments.filter((c) => c.pull === +p.n!).map(renderReviewComment);
    return paged(`/repos/${fullName}/pulls/${p.n}/comments`, q, list);
  });
  on('POST', `${R}/pulls/:n/reviews`, (p, _q, body) => {
    const pr = pull(+p.n!);
    if (!pr) return notFound();
    type Draft = { path: string; line?: number; side?: string; body: string };
    const b = body as { commit_id?: string; body?: string; event?: string; comments?: Draft[] };
    // The documented 422 of this operation lists its errors as strings.
    if (overLimit(b.body) || b.comments?.some((d) => overLimit(d.body)))
      return fail(422, 'Unprocessable Entity', [
        `Body is too long (maximum is ${MAX_BODY} characters)`,
      ]);
    const commit_id = b.commit_id ?? pr.head.sha;
    const base = mergeBase(pr.base.sha, commit_id) ?? pr.base.sha;
    const files = changes(base, commit_id);
    const placed: ReviewComment[] = [];
    const review = newId();
    for (const d of b.comments ?? []) {
      const file = files.find((f) => f.path === d.path);
      const place = file && d.line !== undefined ? placeInDiff(file, d.line) : undefined;
      if (!place)
        return fail(422, 'Unprocessable Entity', [
          'Pull request review thread line must be part of the diff',
        ]);
      const { hunk, index, position } = place;
      placed.push({
        id: newId(),
        pull: pr.number,
        review,
        path: d.path,
        line: d.line!,
        original_line: d.line!,
        position,
        original_position: position,
        side: d.side ?? 'RIGHT',
        body: d.body,
        user: botLogin,
        commit_id,
        original_commit_id: commit_id,
        diff_hunk: [hunk.header, ...hunk.lines.slice(0, index + 1)].join('\n'),
        created_at: now(),
      });
    }
    reviewComments.push(...placed);
    const states: Record<string, string> = {
      APPROVE: 'APPROVED',
      REQUEST_CHANGES: 'CHANGES_REQUESTED',
      COMMENT: 'COMMENTED',
    };
    const r: Review = {
      id: review,
      pull: pr.number,
      body: b.body ?? '',
      state: states[b.event ?? ''] ?? 'PENDING',
      commit_id,
      user: botLogin,
    };
    reviews.push(r);
    return { status: 200, body: renderReview(r) };
  });

  const exists = (n: number) => issues.has(n) || pulls.has(n);
  on('POST', `${R}/issues`, (_p, _q, body) => {
    const b = body as { title: string; body?: string; labels?: string[] };
    const refused = tooLong('Issue', b.body);
    if (refused) return refused;
    return { status: 201, body: renderIssue(openIssue({ ...b, user: botLogin }).number) };
  });
  on('GET', `${R}/issues/:n`, (p) =>
    exists(+p.n!) ? { status: 200, body: renderIssue(+p.n!) } : notFound(),
  );
  on('PATCH', `${R}/issues/:n`, (p, _q, body) => {
    const n = +p.n!;
    if (!exists(n)) return notFound();
    const b = body as {
      title?: string;
      body?: string;
      state?: 'open' | 'closed';
      state_reason?: string;
    };
    const refused = tooLong('Issue', b.body);
    if (refused) return refused;
    const pr = pull(n);
    if (pr) {
      const closing = b.state === 'closed' && pr.state === 'open';
      if (closing) closePull(n);
      if (b.title !== undefined) pr.title = b.title;
      if (b.body !== undefined) pr.body = b.body;
      pr.updated_at = now();
      if (closing) emit('pull_request', (f) => pullRequestPayload(f, n, 'closed', bot(f)));
    } else {
      const is = issues.get(n)!;
      if (b.state && b.state !== is.state) {
        is.state = b.state;
        is.closed_at = b.state === 'closed' ? now() : null;
        is.state_reason = b.state === 'closed' ? (b.state_reason ?? 'completed') : 'reopened';
      } else if (b.state_reason !== undefined) is.state_reason = b.state_reason;
      if (b.title !== undefined) is.title = b.title;
      if (b.body !== undefined) is.body = b.body;
      is.updated_at = now();
    }
    return { status: 200, body: renderIssue(n) };
  });
  on('GET', `${R}/issues/:n/comments`, (p, q) => {
    if (!exists(+p.n!)) return notFound();
    const since = q.get('since');
    const list = comments
      .filter((c) => c.issue === +p.n! && (!since || c.updated_at >= since))
      .map(renderComment);
    return paged(`/repos/${fullName}/issues/${p.n}/comments`, q, list);
  });
  on('POST', `${R}/issues/:n/comments`, (p, _q, body) => {
    if (!exists(+p.n!)) return notFound();
    const refused = tooLong('IssueComment', (body as { body: string }).body);
    if (refused) return refused;
    const c = addComment(+p.n!, { body: (body as { body: string }).body, user: botLogin }, true);
    emit('issue_comment', (f) => issueCommentPayload(f, c.issue, c.id, 'created'));
    return { status: 201, body: renderComment(c) };
  });
  const commentById = (id: string) => comments.find((c) => c.id === Number(id));
  on('GET', `${R}/issues/comments/:id`, (p) => {
    const c = commentById(p.id!);
    return c ? { status: 200, body: renderComment(c) } : notFound();
  });
  on('PATCH', `${R}/issues/comments/:id`, (p, _q, body) => {
    const c = commentById(p.id!);
    if (!c) return notFound();
    const refused = tooLong('IssueComment', (body as { body: string }).body);
    if (refused) return refused;
    Object.assign(c, { body: (body as { body: string }).body, updated_at: now() });
    return { status: 200, body: renderComment(c) };
  });
  on('POST', `${R}/issues/comments/:id/reactions`, (p, _q, body) => {
    const c = commentById(p.id!);
    if (!c) return notFound();
    const content = (body as { content: string }).content;
    const had = reactions.find(
      (r) => r.comment === c.id && r.user === botLogin && r.content === content,
    );
    if (had) return { status: 200, body: renderReaction(had) };
    const r: Reaction = { id: newId(), comment: c.id, content, user: botLogin, created_at: now() };
    reactions.push(r);
    return { status: 201, body: renderReaction(r) };
  });
  on('GET', `${R}/collaborators/:username/permission`, (p) => {
    const role = collaborators[p.username!] ?? 'read';
    const permission = {
      admin: 'admin',
      maintain: 'write',
      write: 'write',
      triage: 'read',
      read: 'read',
    }[role];
    const level = ['read', 'triage', 'write', 'maintain', 'admin'].indexOf(role);
    return {
      status: 200,
      body: {
        permission,
        role_name: role,
        user: {
          ...user(p.username!),
          role_name: role,
          permissions: {
            pull: true,
            triage: level >= 1,
            push: level >= 2,
            maintain: level >= 3,
            admin: level >= 4,
          },
        },
      },
    };
  });

  on('POST', `${R}/check-runs`, (_p, _q, body) => {
    type Out = { title?: string; summary?: string; text?: string; annotations?: unknown[] };
    const b = body as Partial<Omit<CheckRun, 'output'>> & {
      name: string;
      head_sha: string;
      output?: Out;
    };
    if (!commits.has(b.head_sha)) return fail(422, 'No commit found for SHA: ' + b.head_sha);
    const run: CheckRun = {
      id: newId(),
      name: b.name,
      head_sha: b.head_sha,
      status: b.conclusion ? 'completed' : (b.status ?? 'queued'),
      conclusion: b.conclusion ?? null,
      details_url: b.details_url ?? null,
      external_id: b.external_id ?? '',
      started_at: b.started_at ?? now(),
      completed_at: b.conclusion ? (b.completed_at ?? now()) : null,
      output: {
        title: b.output?.title ?? null,
        summary: b.output?.summary ?? null,
        text: b.output?.text ?? null,
        annotations: [...(b.output?.annotations ?? [])],
      },
    };
    checkRuns.push(run);
    return { status: 201, body: renderCheckRun(run) };
  });
  on('PATCH', `${R}/check-runs/:id`, (p, _q, body) => {
    const run = checkRuns.find((r) => r.id === Number(p.id));
    if (!run) return notFound();
    type Out = { title?: string; summary?: string; text?: string; annotations?: unknown[] };
    const b = body as Partial<Omit<CheckRun, 'output'>> & { output?: Out };
    for (const key of ['name', 'details_url', 'external_id', 'status', 'started_at'] as const)
      if (b[key] !== undefined) Object.assign(run, { [key]: b[key] });
    if (b.conclusion) Object.assign(run, { conclusion: b.conclusion, status: 'completed' });
    if (run.status === 'completed') run.completed_at = b.completed_at ?? run.completed_at ?? now();
    if (b.output) {
      run.output.title = b.output.title ?? run.output.title;
      run.output.summary = b.output.summary ?? run.output.summary;
      run.output.text = b.output.text ?? run.output.text;
      run.output.annotations.push(...(b.output.annotations ?? []));
    }
    return { status: 200, body: renderCheckRun(run) };
  });
  on('GET', `${R}/commits/*ref/check-runs`, (p, q) => {
    const sha = resolve(p.ref!);
    if (!sha) return notFound();
    const name = q.get('check_name');
    let list = checkRuns.filter((r) => r.head_sha === sha && (!name || r.name === name));
    if ((q.get('filter') ?? 'latest') === 'latest')
      list = list.filter((r) => !list.some((o) => o.name === r.name && o.id > r.id));
    return {
      status: 200,
      body: { total_count: list.length, check_runs: list.map(renderCheckRun) },
    };
  });

  // ---- HTTP ----
  /**
   * Faults a test injects: the next `times` requests matching method and path get this reply
   * instead (after `before` runs, which can change the state first, e.g. to act as a second
   * replica that got there first).
   */
  interface Fault {
    method: string;
    path: RegExp;
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
    times?: number;
    before?: () => void;
  }
  const faults: Fault[] = [];
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];

  const match = (method: string, path: string) => {
    const segs = path.split('/').slice(1).map(decodeURIComponent);
    for (const route of routes) {
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      let i = 0;
      let ok = true;
      for (const [k, part] of route.parts.entries()) {
        if (part.startsWith('*')) {
          // A rest parameter takes every segment but those the pattern still needs after it.
          const rest = route.parts.length - k - 1;
          if (segs.length - i - rest < 1) ok = false;
          params[part.slice(1)] = segs.slice(i, segs.length - rest).join('/');
          i = segs.length - rest;
        } else if (part.startsWith(':')) {
          if (segs[i] === undefined) ok = false;
          params[part.slice(1)] = segs[i++] ?? '';
        } else if (segs[i++] !== part) ok = false;
        if (!ok) break;
      }
      if (ok && i === segs.length) return { route, params };
    }
    return undefined;
  };

  const checkReply = (method: string, url: string, status: number, body: unknown) => {
    if (status === 404) return; // GitHub answers 404 on every route
    const op = operationFor(method, url);
    const documented = op.responses[String(status)];
    if (!documented)
      throw new Error(`${op.operationId}: status ${status} is not a documented reply`);
    if (body !== undefined && (status < 300 || documented.content?.['application/json']))
      assertDocumentedReply(method, url, status, body);
  };

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((done, failed) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
      req.on('error', failed);
    });

  const server = createServer(async (req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const { pathname, searchParams } = new URL(url, 'http://fake');
    const text = await readBody(req);
    const send = (reply: Reply) => {
      const headers: Record<string, string> = { ...reply.headers };
      if (reply.raw !== undefined) {
        headers['content-type'] = 'text/plain; charset=utf-8';
        res.writeHead(reply.status, headers).end(reply.raw);
      } else if (reply.body === undefined) res.writeHead(reply.status, headers).end();
      else {
        headers['content-type'] = 'application/json; charset=utf-8';
        res.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
      }
    };
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      violations.push(`${method} ${url}: the body is not JSON`);
      return send(fail(400, 'Problems parsing JSON'));
    }
    let op = '';
    try {
      op = documentedRequest(method, url, body);
    } catch (error) {
      violations.push((error as Error).message);
      requests.push({ method, path: url, op, body });
      return send(fail(400, `not allowed by the OpenAPI description: ${(error as Error).message}`));
    }
    requests.push({ method, path: url, op, body });
    const fault = faults.find((f) => f.method === method && f.path.test(pathname));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      fault.before?.();
      return send({
        status: fault.status,
        body: fault.body ?? { message: `injected ${fault.status}` },
        ...(fault.headers ? { headers: fault.headers } : {}),
      });
    }
    const found = match(method, pathname);
    if (!found) {
      violations.push(`unhandled route: ${method} ${url}`);
      return send(notFound());
    }
    const { owner: o, repo: r } = found.params;
    if (o !== undefined && `${o}/${r}`.toLowerCase() !== fullName.toLowerCase())
      return send(notFound());
    let reply: Reply;
    // An installation token (the fake issues `ghs_…`), not a JWT and not a person.
    byApp = /^(token|bearer) ghs_/i.test(req.headers.authorization ?? '');
    try {
      const raw = /vnd\.github(\.v3)?\.raw/.test(req.headers.accept ?? '');
      reply = found.route.handler(found.params, searchParams, body, raw);
    } catch (error) {
      violations.push(`${method} ${url}: the fake failed: ${(error as Error).stack}`);
      return send({ status: 500, body: { message: (error as Error).message } });
    } finally {
      byApp = false;
    }
    try {
      checkReply(method, url, reply.status, reply.raw ?? reply.body);
    } catch (error) {
      violations.push((error as Error).message);
    }
    send(reply);
    // The events of this write go out once its reply is written, never from inside the handler.
    if (outbox.length) {
      const go = () => void pump();
      res.once('finish', go);
      res.once('close', go);
    }
  });
  // The body check of every write route is compiled here, when the fake is built (once per
  // worker: the compiled checks are shared), never inside a request: the first delivery a test
  // sends must not pay for it. `{}` is no valid body for most; only the compile matters.
  for (const route of routes) {
    if (route.method === 'GET') continue;
    const sample = `/${route.parts.map((part) => (/^[:*]/.test(part) ? 'x' : part)).join('/')}`;
    try {
      documentedRequest(route.method, sample, {});
    } catch {
      // expected
    }
  }
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fileAt = (refOrSha: string, path: string) => {
    const sha = resolve(refOrSha);
    const blob = sha && treeOf(sha).get(path);
    return blob ? blobs.get(blob)! : null;
  };
  const state = {
    fileAt,
    branchSha: (branch: string) => refs.get(`heads/${branch}`),
    get pulls() {
      return [...pulls.keys()].map((n) => pull(n)!);
    },
    get issues() {
      return [...issues.values()];
    },
    comments: (issue: number) => comments.filter((c) => c.issue === issue),
    comment: (id: number) => comments.find((c) => c.id === id),
    get checkRuns() {
      return checkRuns;
    },
    reactions: (comment: number) => reactions.filter((r) => r.comment === comment),
    reviewComments: (pr: number) => reviewComments.filter((c) => c.pull === pr),
    get reviews() {
      return reviews;
    },
    /** A commit (branch name or sha), its tree as path -> blob sha. */
    gitCommit: (ref: string) => {
      const sha = resolve(ref);
      return sha
        ? { sha, ...commits.get(sha)!, files: Object.fromEntries(treeOf(sha)) }
        : undefined;
    },
    /** The commits in `head` and not in `base`, oldest first. */
    commitsBetween: (base: string, head: string) => onlyIn(resolve(head)!, resolve(base)!),
    /** Files changed from one commit to another: added, removed or modified. */
    changedFiles: (from: string, to: string) =>
      changes(resolve(from)!, resolve(to)!).map((c) => ({
        path: c.path,
        status: !c.before ? 'added' : !c.after ? 'removed' : 'modified',
      })),
  };

  const fake = {
    url: api,
    owner,
    repo,
    fullName,
    defaultBranch,
    installationId,
    app,
    botLogin,
    state,
    requests,
    violations,
    /** The REST shapes the fake serves, for building webhook payloads that agree with it. */
    render: {
      user,
      repo: renderRepo,
      pull: (n: number) => renderPull(n),
      issue: (n: number) => renderIssue(n),
      comment: (id: number) => renderComment(state.comment(id)!),
      commit: renderCommit,
    },
    /**
     * Stops the server; then rejects, listing them, if any request or reply broke GitHub's OpenAPI
     * description (unless started with `allowViolations`).
     */
    close: async () => {
      // Undelivered events are dropped; the one in flight is waited for.
      closing = true;
      outbox.splice(pumping ? 1 : 0);
      await new Promise<void>((done) => {
        quietWaiters.push(done);
        wakeIfQuiet();
      });
      await new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      });
      if (violations.length && !init.allowViolations)
        throw new Error(
          `the fake GitHub saw ${violations.length} violation(s) of GitHub's OpenAPI description:\n` +
            violations.map((v) => `  - ${v}`).join('\n'),
        );
    },
    /** Commits files (null deletes) on a branch, made from the default branch when missing. */
    commitFiles(
      branch: string,
      files: Record<string, string | null>,
      message: string,
      author = owner,
    ) {
      const parent = resolve(branch) ?? resolve(defaultBranch)!;
      const sha = commitChanges(parent, files, message, author);
      moveRef(`heads/${branch}`, sha);
      return sha;
    },
    openPullRequest(b: {
      head: string;
      base?: string;
      title: string;
      body?: string;
      user?: string;
    }) {
      const reply = createPull({ ...b, base: b.base ?? defaultBranch }, b.user ?? owner);
      if (reply.status !== 201)
        throw new Error(`cannot open the pull request: ${JSON.stringify(reply.body)}`);
      return pull((reply.body as { number: number }).number)!;
    },
    settings,
    /** The fake's own clock (every write moves it a second on), for the App's sense of now. */
    clock: () => new Date(Date.UTC(2026, 0, 1) + 1000 * tick),
    /** Inject a fault (see Fault); it is used up after `times` matching requests (default 1). */
    fault: (f: Fault) => void faults.push(f),
    closePull,
    openIssue,
    addComment: (issue: number, b: { body: string; user?: string }) => addComment(issue, b),
    /**
     * From now on the App's own writes are delivered, signed with `secret`, to the App server at
     * `url` (its base URL, as `sendDelivery` takes it); null stops it.
     */
    deliverTo(to: { url: string; secret: string } | null) {
      target = to;
    },
    /** Resolves once every queued delivery of the App's own events has been answered. */
    settle: () =>
      new Promise<void>((done) => {
        quietWaiters.push(done);
        wakeIfQuiet();
      }),
    /** Every delivery of the App's own events so far, in order, with the server's answer. */
    ownEvents: ownEvents as readonly Readonly<OwnEvent>[],
  };
  self.fake = fake;
  return fake;
}

export type FakeGitHub = Awaited<ReturnType<typeof startFakeGitHub>>;
