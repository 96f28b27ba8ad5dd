/**
 * Text from outside (abstracts, LLM replies) is data: before it is shown anywhere it loses HTML,
 * @-mentions, control characters and excess length; before it reaches a model, sentences that
 * address the model ("ignore previous instructions …") are taken out.
 */

/** Safe to show in a comment or a terminal: no HTML, no mentions, no control characters, capped. */
export function sanitizeText(text: string, maxChars = 300): string {
  const clean = unmention(scrub(text))
    .replace(/<[^>]*>/g, ' ')
    .replace(/[<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cap(clean, maxChars);
}

/** Secrets redacted, control and direction characters taken out. */
function scrub(text: string): string {
  return (
    text
      // Anything shaped like an API key or a GitHub token is never shown, whoever echoed it.
      .replace(/\b(?:sk|ghp|gho|ghu|ghs|ghr|github_pat)[-_][A-Za-z0-9_-]{12,}/g, '[redacted]')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
  );
}

/** No @-mention (a code span mentions nobody, so this is for text outside code). */
const unmention = (text: string) => text.replace(/(^|[^\w])@(?=[\w-])/g, '$1');

const cap = (text: string, maxChars: number) =>
  text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;

/** Text outside code: nothing in it can build Markdown (table cells, links, images, autolinks). */
function inertMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|[\]])/g, '\\$1')
    .replace(/:\/\//g, ':\u2060//')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\u2060.`);
}

/**
 * Untrusted text made safe to place in a Markdown comment (a table cell, a list item): sanitised,
 * and nothing in it can build Markdown: pipes, brackets and backticks are escaped or replaced, so
 * no table breaks, no link or image (a tracking pixel) is formed; bare URLs get an invisible
 * word joiner after the scheme so GitHub does not turn them into links.
 *
 * With `keepCode` (our own messages, which quote values in code spans), code spans are kept as
 * they are: inside one, Markdown builds nothing (no link, image, HTML or mention), so the value is
 * shown, and copied, exactly as written: no backslashes, no invisible characters. Only a `|` is
 * escaped there, which GFM requires of a code span in a table cell. Outside code, `<` and `>` are
 * shown as such (`<id>` in "https://arxiv.org/abs/<id>" is a placeholder, not a tag to delete).
 */
export function markdownText(text: string, maxChars = 300, keepCode = false): string {
  if (!keepCode) return inertMarkdown(sanitizeText(text, maxChars).replace(/`/g, "'"));
  const source = cap(scrub(text).replace(/\s+/g, ' ').trim(), maxChars);
  const out: string[] = [];
  let from = 0;
  const plain = (end: number) => {
    if (end > from)
      out.push(
        inertMarkdown(unmention(source.slice(from, end)))
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;'),
      );
  };
  for (const run of source.matchAll(/`+/g)) {
    const at = run.index;
    if (at < from) continue; // inside a span already taken
    const ticks = run[0];
    // The span closes at the next run of exactly as many backticks (CommonMark).
    const close = new RegExp(`(?<!\`)${ticks}(?!\`)`, 'g');
    close.lastIndex = at + ticks.length;
    const end = close.exec(source);
    if (!end) continue;
    plain(at);
    out.push(
      ticks +
        source
          .slice(at + ticks.length, end.index)
          .replace(/(\\*)\|/g, (m, s: string) => (s.length % 2 ? m : `${s}\\|`)) +
        ticks,
    );
    from = end.index + ticks.length;
  }
  plain(source.length);
  return out.join('');
}

/** At most `max` words, one sentence. */
export function capWords(text: string, max = 25): string {
  const ws = sanitizeText(text, 400).split(' ').filter(Boolean);
  return ws.length > max
    ? `${ws
        .slice(0, max)
        .join(' ')
        .replace(/[,;:]$/, '')}…`
    : ws.join(' ');
}

/** Characters that show nothing but could split a URL or a tag so that a filter misses it. */
const INVISIBLE = /[\u00ad\u180e\u2060-\u2064\ufeff]/g;

/**
 * Entities that decode to a character Markdown reads as markup (or to a URL's `:` and `/`): decoded
 * before the markup is taken out, so `&lt;img&gt;` or `https&colon;//` cannot slip through.
 */
const ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lsqb: '[',
  lbrack: '[',
  rsqb: ']',
  rbrack: ']',
  lpar: '(',
  rpar: ')',
  grave: '`',
  ast: '*',
  midast: '*',
  lowbar: '_',
  verbar: '|',
  vert: '|',
  excl: '!',
  colon: ':',
  sol: '/',
  bsol: '\\',
  num: '#',
  commat: '@',
  dollar: '$',
  period: '.',
};

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/gi, (m, dec, hex, name) => {
    if (name !== undefined) return ENTITIES[(name as string).toLowerCase()] ?? m;
    const code = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  });
}

/**
 * A URL GitHub would link (any scheme with `//`, `www.`), or a scheme that runs code or mails; it
 * ends before white space or CJK punctuation (`。` ends the sentence, not the URL).
 */
const URL_LIKE =
  /(?:[a-z][a-z0-9+.-]*:\/\/|(?<![a-z0-9])www\.|\b(?:mailto|xmpp|javascript|vbscript|data|file|tel):(?=\S))[^\s<>\u3000-\u303f\uff00-\uffef]*/gi;
/** An e-mail address (GFM links those too). */
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

function inertOnce(text: string): string {
  let s = decodeEntities(scrub(text).replace(INVISIBLE, ''));
  // Links and images keep their words; their destinations go (innermost first: a linked image).
  for (let before = ''; before !== s;) {
    before = s;
    s = s.replace(/!?\[([^[\]]*)\]\([^)]*\)/g, '$1').replace(/!?\[([^[\]]*)\]\[[^[\]]*\]/g, '$1');
  }
  s = s
    // HTML comments, autolinks and tags.
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<[a-z][a-z0-9+.-]*:[^<>\s]*>/gi, ' ')
    .replace(/<[^<>\s@]+@[^<>\s]+>/g, ' ')
    .replace(/<[a-z/!?][^<>]*>/gi, ' ')
    .replace(/<(?=[a-z/!?])/gi, '')
    // Emphasis, strike-through, code spans, escapes: the markers go, the words stay.
    .replace(/`+/g, '')
    .replace(/\*+/g, '')
    .replace(/~(?=\d)/g, '≈')
    .replace(/~+/g, '')
    .replace(/(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu, ' ')
    .replace(/\\/g, '')
    .replace(/\[/g, '(')
    .replace(/\]/g, ')');
  // Two dollar signs make GitHub's math; one is a price.
  if ((s.match(/\$/g) ?? []).length > 1) s = s.replace(/\$/g, '＄');
  // URLs are dropped (after the markers, so `ht*tp*s://` cannot come together again), keeping
  // the sentence's punctuation after them.
  s = s.replace(URL_LIKE, (m) => /[.,;:!?'")]*$/.exec(m)![0]).replace(EMAIL, ' ');
  return unmention(s)
    .replace(/\(\s*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ (?=[,.;:!?。，、；：！？])/g, '')
    .replace(/[,;:]+(?=[.!?])/g, '')
    .replace(/^(?:\s*#+(?:\s|$))+/, '')
    .trim();
}

/**
 * Text a model wrote (a TL;DR, a translated TL;DR, a tag) as inert plain text for a README row:
 * no link, image, autolink, URL, HTML, emphasis, strike-through, code span, heading or math
 * survives, and the words stay readable (a link keeps its text, an image its alt text; URLs and
 * e-mail addresses are dropped). Also what `sanitizeText` does: no secrets, control characters
 * or @-mentions; capped. The result is plain text for `renderPaperRow`, which escapes the pipes a
 * table cell needs. Applying it twice gives the same text.
 */
export function inertText(text: string, maxChars = 300): string {
  let s = text;
  for (let i = 0; i < 5; i += 1) {
    const next = inertOnce(s);
    if (next === s) break;
    s = next;
  }
  return cap(s, maxChars);
}

/**
 * Sentences that speak to a model rather than about the paper. Each pattern is narrow on purpose:
 * an abstract about instruction tuning, system prompts, or models that ignore instructions or
 * forget prior tasks is not an injection. An imperative counts where a sentence (or a clause after
 * `:` `;` a quote or a bracket) starts with it, or after "please".
 */
const IMPERATIVE = String.raw`(?:^\s*|[:;"'“‘(\[>]\s*|\b(?:please|kindly)\s+)`;
const THIS_PAPER = String.raw`(?:this|it|the|that)(?:\s+(?:paper|work|submission|article|preprint|manuscript|entry|abstract|study))?`;
const DIRECTIVE_VERB = String.raw`(?:classify|categori[sz]e|file|sort|label|place|put|list|mark|rate|tag)`;
const READING_THIS = String.raw`(?:reading|processing|reviewing|evaluating|screening|parsing|summari[sz]ing|classifying)\s+this(?:\s+(?:paper|abstract|text|submission|document|article|manuscript|page)|\s*[,:;.!]|\s+(?:should|must|will|are|please|need)\b)`;
const ADDRESSED_TO_MODEL: RegExp[] = [
  // English: ignore or forget the instructions, as an imperative.
  new RegExp(
    String.raw`${IMPERATIVE}(?:ignore|disregard|forget|override|bypass)\s+(?:(?:all|any|the|your|these|those|of|everything)\s+)*(?:(?:previous|prior|above|earlier|preceding|system|original|other|existing|given)\s+)*(?:instructions?|prompts?|rules?|guidelines|directions|above|everything)\b`,
    'i',
  ),
  /\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:(?:the|your)\s+)?(?:previous|prior|above|earlier|preceding)\s+(?:instructions?|prompts?|rules?|guidelines)\b/i,
  /\byou are now\b|\bfrom now on,? you\b|\bif you are an? (?:ai|llm|(?:large )?language model|bot|chatbot|assistant|automated (?:reviewer|system|classifier))\b/i,
  new RegExp(
    String.raw`${IMPERATIVE}(?:act as|pretend (?:to be|you are)|respond with|answer with|reply with|output only|return only)\b`,
    'i',
  ),
  /\b(?:respond|answer|reply|output)\s+only\s+with\b/i,
  /\bsystem (?:prompt|message|instructions?)\s*[:：]|\[\s*system\s*\]|^\s*system\s*[:：]/i,
  /\bnew (?:rules|instructions)\s*[:：]|^\s*(?:here are )?(?:your )?new (?:rules|instructions)\b/i,
  /\bthe correct (?:category|label|classification|section|verdict) (?:is|would be)\b/i,
  /\bset (?:every|all|each|your|the) (?:confidences?|categor(?:y|ies)|labels?|verdicts?|scores?) (?:to|=)/i,
  // "Classify / file this paper under X", as an imperative, or naming the paper itself.
  new RegExp(
    String.raw`${IMPERATIVE}${DIRECTIVE_VERB}\s+${THIS_PAPER}\s+(?:as|under|into|in(?:to)?\s+the\s+(?:category|section))\b`,
    'i',
  ),
  /\b(?:classify|categori[sz]e|file|sort|place|put|list|assign)\s+(?:this|the)\s+(?:paper|work|submission|article|preprint|manuscript|entry)\s+(?:as|under|into|to)\b/i,
  /\bfile (?:this|it) under\b/i,
  // "… with full certainty", "confidence 1", next to a directive ("1 - δ" is a bound, not a command).
  /\b(?:classify|categori[sz]e|file|label|assign|set|give|answer|respond|rate|mark|score|put|place)\b[^.!?\n]{0,100}(?:with (?:full|complete|total|absolute|maximum|100\s?%) (?:certainty|confidence)|confidence(?: score)?(?: of| =| to|:)?\s*(?:1(?:\.0+)?|100\s?%)(?![\d.]|\s*[-−–]\s*\S))/i,
  // Notes and addresses to automated readers.
  /\b(?:note|notice|memo|reminder)\s*(?:for|to)\s+(?:the\s+|any\s+|all\s+)?(?:automated|automatic|ai|llm|machine|gpt|chatgpt|(?:large\s+)?language[- ]models?|llms?)\b/i,
  /(?:^\s*|[.!?:;]\s*|\b(?:dear|hey|hello|attention|to (?:all|any))\s+)(?:ai|llm|automated|automatic|machine|gpt)[- ](?:reviewers?|readers?|classifiers?|curators?|screeners?)\s*(?:[:!]|,\s*(?:please|you|ignore|classify|file|rate|note|do)\b)/i,
  new RegExp(
    String.raw`\b(?:(?:ai|llm|automated|automatic|machine)[- ](?:reviewers?|readers?|classifiers?|curators?|screeners?|assistants?|agents?|systems?)|(?:large\s+)?language\s+models?|llms?|ai(?:\s+(?:systems?|models?|assistants?|agents?|tools?))?|chatbots?|(?:gpt|chatgpt|claude|gemini)(?:-\d+)?)\s+${READING_THIS}`,
    'i',
  ),
  // Chinese.
  /(?:^\s*|[，,：:；;“"「（(]\s*|请|务必|现在)(?:忽略|忽视|无视|不要理会|不要理睬|忘记|忘掉|抛开)[^。！？\n]{0,20}?(?:指令|指示|提示词?|规则|要求|说明)/,
  /请(?:你)?(?:将|把)?[^。！？\n]{0,24}?(?:归类|归入|归为|归到|分类为|分到|列为|列入|放入|放在|标记为|评为|判定为|划分为|划入)/,
  /(?:将|把)(?:此|这|这篇|该|本)(?:篇)?(?:论文|文章|工作|研究|稿件)?(?:归类|归入|归为|归到|分类为|分到|列为|列入|放入|标记为|评为|判定为|划分为|划入)/,
  /(?:给|致|写给)(?:所有|各位)?(?:的)?(?:审稿人|审阅者|审稿者|评审人?|自动审稿|自动评审|自动化审稿|自动化评审|AI ?审稿人?|AI ?评审|人工智能审稿)[^。！？\n]{0,10}?(?:的)?(?:说明|提示|指示|指令|注意|留言|备注|话)/i,
  /(?:自动审稿|自动评审|自动化审稿|AI ?审稿|AI ?评审|人工智能审稿)[^。！？\n]{0,10}?(?:说明|注意|须知|请|应当|应该)/i,
  /你现在是|从现在起你是|从现在开始你是|请扮演|假设你是|如果你是(?:一个)?(?:AI|人工智能|大模型|语言模型|模型)/i,
  /系统提示词?[:：]|新(?:的)?(?:指令|规则)[:：]|正确的?(?:类别|分类|答案|标签)(?:是|为)/,
  /置信度[^。！？\n]{0,8}?(?:为|设为|设置为|定为|给|=|：|:)\s*(?:1(?:\.0+)?|100\s*%|百分之百)(?![\d.])|(?:完全|百分之百|绝对)(?:的)?(?:确定|肯定|置信)(?:地|度)?(?:将|把|归|分)/,
  // Spanish, French, German, Japanese: the short forms.
  /\b(?:ignora|olvida|omite)\s+(?:(?:todas|todos|las|los|tus)\s+)*(?:instrucciones|indicaciones|reglas)\b|\bnota para (?:los |las |el |la )?(?:revisores|evaluadores|sistemas|modelos?|ia|llm)\b|\bclasifica(?:r|lo)?\s+(?:este|el|esta)\s+(?:art[ií]culo|trabajo|paper)\s+(?:como|en|bajo)\b/iu,
  /\b(?:ignorez|ignorer|oubliez|oublie)\s+(?:(?:toutes|tous|les|vos|tes)\s+)*(?:instructions|consignes|règles)\b|\bnote (?:pour|aux|à l'attention des?) (?:les )?(?:relecteurs|évaluateurs|examinateurs|ia|llm|modèles?|systèmes)\b|\b(?:classez|classe|classer|classifiez|rangez)\s+(?:cet|ce|cette)\s+(?:article|papier|travail|étude)\s+(?:comme|dans|sous|en)\b/iu,
  /\b(?:ignoriere|ignorieren sie|vergiss|vergessen sie|missachte)\b[^.!?\n]{0,40}\b(?:anweisungen|instruktionen|regeln|vorgaben)\b|\bhinweis (?:für|an) (?:die )?(?:automatische[nr]? |ki-?)?(?:gutachter|prüfer|reviewer|ki|llm|modelle?)\b|\b(?:klassifiziere|ordne|stufe|sortiere)\s+(?:diese[ns]?|das|den)\s+(?:arbeit|paper|artikel|beitrag)\b/iu,
  /(?:以前|前|上記|これまで|先)の(?:指示|命令|指令|ルール|プロンプト)を(?:無視|忘れ)|(?:指示|命令|ルール)を(?:すべて|全て)?(?:無視|忘れ)|(?:自動|AI|ＡＩ|機械)(?:査読者|レビュアー|審査員|レビューア)(?:へ|向け|への|の皆様)|この(?:論文|記事|研究)を[^。！？\n]{0,20}?(?:に分類|として分類|に入れて)/,
];

/** Where a sentence ends: after `.` `!` `?` and white space, or after a full-width stop. */
const SENTENCE_END = /(?<=[.!?\n])\s+|(?<=[。！？])\s*/g;

/** Sentences of untrusted text that speak to the model, and the text without them. */
export function stripInstructions(text: string): { text: string; removed: string[] } {
  const kept: string[] = [];
  const removed: string[] = [];
  let from = 0;
  const take = (end: number, sep: string) => {
    const sentence = text.slice(from, end);
    if (sentence === '') return;
    if (ADDRESSED_TO_MODEL.some((p) => p.test(sentence))) removed.push(sentence);
    else kept.push(sentence + sep);
  };
  for (const m of text.matchAll(SENTENCE_END)) {
    if (m.index + m[0].length >= text.length || m.index <= from) continue;
    take(m.index, m[0] === '' ? '' : ' ');
    from = m.index + m[0].length;
  }
  take(text.length, '');
  return { text: kept.join('').trimEnd(), removed };
}
