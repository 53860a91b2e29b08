import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Actor, Case, MeetingCommand, MeetingSpec, MeetingState, Programme } from '@goedwerk/core';
import { caseCardsHtml } from '@goedwerk/export';
import { CaseLibrary } from '../packages/server/src/case-library.ts';
import { markdownToHtml } from '@goedwerk/report';
import type { Browser, BrowserContext, BrowserContextOptions, Page, Request } from 'playwright-core';
import { loadDemo } from '../packages/server/src/demo.ts';
import { startTestServer, type TestServer } from '../packages/server/src/test-harness.ts';
import { launchChromium } from './browser.ts';
import { corpusProblems, fits, joined, pack, PAYLOADS, type Payload, probeOf, rotate, SENTINEL_HOST } from './xss-payloads.ts';

const webRoot = fileURLToPath(new URL('../packages/web/dist', import.meta.url));
const WAIT = 15_000;
const FACILITATOR: Actor = { role: 'facilitator' };
const PASSWORD = 'een lang wachtwoord voor de xss-test';
const PROGRAMME_ID = 'xss-programma';
const IDS = new Set(PAYLOADS.map((p) => p.id));
const byId = new Map(PAYLOADS.map((p) => [p.id, p]));

/** Something a payload did or became: a call of its marker, a dialog, a request to the sentinel, a live element. */
interface Hit {
  readonly kind: 'marker' | 'dialog' | 'request';
  readonly n: number | null;
  readonly view: string;
  readonly detail: string;
}

/** The payload number a marker call, dialog text or address names. */
function numberIn(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return numberIn(value[0]);
  const text = String(value);
  const probe = /xss(?:\(|%28)(\d+)(?:\)|%29)/i.exec(text);
  if (probe) return Number(probe[1]);
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/**
 * Runs inside a page: which payloads the view shows (their probe `xss(n)` in the text, in an
 * attribute or in a form field's value), and which elements could run or load something — an
 * event-handler attribute of any name, a script, frame, object, embed, base, meta, link, style,
 * MathML, SVG animation, an image or media from outside the app, a URL attribute with
 * `javascript:`, `vbscript:`, `data:text` or the sentinel in it. Written as a string: the Node
 * type-check has no DOM.
 */
const SCAN = `(args) => {
  const root = (args.scope && document.querySelector(args.scope)) || document.body || document.documentElement;
  const origin = location.origin;
  const parts = [document.title, root.textContent || ''];
  const live = [];
  const tags = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'style', 'math', 'marquee',
    'isindex', 'bgsound', 'xmp', 'plaintext', 'noscript', 'template', 'keygen', 'video', 'audio', 'source', 'track', 'picture', 'animate', 'set',
    'animatetransform', 'animatemotion', 'handler', 'foreignobject', 'discard', 'use', 'image']);
  const urlAttributes = new Set(['src', 'srcdoc', 'srcset', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'ping', 'codebase',
    'dynsrc', 'lowsrc', 'to', 'from', 'values', 'by', 'content', 'http-equiv']);
  const reactBlocked = "javascript:throw new Error('React has blocked a javascript: URL as a security precaution.')";
  const say = (el, what) => el.localName + ' ' + what + ': ' + el.outerHTML.slice(0, 160);
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName.toLowerCase();
    for (const a of el.attributes) {
      parts.push(a.value);
      const name = a.name.toLowerCase();
      const value = a.value.trim();
      if (name.startsWith('on')) live.push(say(el, 'has the handler ' + name));
      else if (name === 'href' && value !== reactBlocked && !/^(https?:|mailto:|tel:|\\/|#|\\?|[^:]*$)/i.test(value)) live.push(say(el, 'links to ' + value.slice(0, 60)));
      else if (name === 'href' && /xss\\.invalid/i.test(value) && tag !== 'a') live.push(say(el, 'loads the sentinel'));
      else if (urlAttributes.has(name) && /xss\\.invalid|xss\\(|javascript:|vbscript:|livescript:|data:text|expression\\(/i.test(value.startsWith('data:image/') ? '' : value)) live.push(say(el, name + ' ' + value.slice(0, 60)));
      else if (name === 'style' && /xss\\.invalid|xss\\(|javascript:|expression\\(|url\\(|behavior|image-set/i.test(value)) live.push(say(el, 'style ' + value.slice(0, 60)));
    }
    if (tag === 'input' || tag === 'textarea' || tag === 'select') parts.push(String(el.value));
    if (tag === 'script' && el.src && el.src.startsWith(origin + '/assets/') && el.parentElement === document.body) continue;
    if (tags.has(tag)) live.push(say(el, 'is there'));
    if (tag === 'img' || (tag === 'input' && el.type === 'image')) {
      const src = el.getAttribute('src') || '';
      if (!src.startsWith('data:image/') && !(el.src || '').startsWith(origin + '/')) live.push(say(el, 'loads ' + src.slice(0, 60)));
      if (el.hasAttribute('srcset')) live.push(say(el, 'has a srcset'));
    }
  }
  const present = new Set();
  for (const m of parts.join('\\n').matchAll(/xss\\((\\d+)\\)/g)) present.add(Number(m[1]));
  return { present: [...present], live };
}`;

/**
 * [XS-1…4] Script injection, end to end: every payload of the corpus (e2e/xss-payloads.ts) is typed
 * into every text field a person can fill in and that is shown somewhere — by the engine as the
 * participants and the facilitator would send it, by the report and account APIs, and some through
 * the pages themselves — and every view and export where those fields show is rendered in Chromium
 * with JavaScript on and the Content-Security-Policy switched off. A payload that ran would call its
 * marker, open a dialog or ask the sentinel host for something; none may, and none may become a live
 * element. A render is one payload present in one view. A control first shows that the detector sees
 * the payloads run when they are put into a page raw.
 */
describe('browser: 200+ script-injection payloads in every text field, in every view and export, run nowhere', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  /** What the payloads did in the app's views: must stay empty. */
  const hits: Hit[] = [];
  /** What they did in the raw page of the control: must be many. */
  const controlHits: Hit[] = [];
  const liveElements: string[] = [];
  const problems: string[] = [];
  const viewOf = new WeakMap<Page, string>();
  /** The views looked at, with the payloads each showed. */
  const views: { view: string; present: number[] }[] = [];
  /** Per payload, the fields it was typed into. */
  const fieldsOf = new Map<number, Set<string>>();
  const fieldSizes = new Map<string, Set<number>>();

  let meetingId = '';
  let facilitatorToken = '';
  let screenToken = '';
  let rapporteurToken = '';
  let editorToken = '';
  let phoneId = '';
  let commandSeq = 0;

  let console_: Page;
  let screen: Page;
  let phone: Page;

  /** Records that these payloads were typed into this field. */
  function typed(field: string, payloads: readonly Payload[]) {
    for (const p of payloads) {
      const set = fieldsOf.get(p.id) ?? new Set<string>();
      set.add(field);
      fieldsOf.set(p.id, set);
    }
    const ids = fieldSizes.get(field) ?? new Set<number>();
    for (const p of payloads) ids.add(p.id);
    fieldSizes.set(field, ids);
  }

  /** A cursor over the corpus: each call hands out the next payloads that fit, so fields hold different ones. */
  function cursor(max: number, start = 0) {
    const pool = fits(PAYLOADS, max).filter((p) => p.text.trim() !== '');
    let at = start;
    return (count = 1): Payload[] => Array.from({ length: count }, () => pool[at++ % pool.length]!);
  }

  function viewOfRequest(request: Request): string {
    try {
      return viewOf.get(request.frame().page()) ?? '?';
    } catch {
      return '?';
    }
  }

  async function newContext(options: BrowserContextOptions, sink: Hit[]): Promise<BrowserContext> {
    // The Content-Security-Policy is switched off: it is defence in depth, and the test is about
    // the rendering itself. An injected handler the CSP would have blocked counts as an execution.
    const context = await browser.newContext({ ...options, bypassCSP: true });
    contexts.push(context);
    context.setDefaultTimeout(WAIT);
    await context.exposeBinding('__xss', (source: { page: Page | null }, n: unknown) => {
      sink.push({ kind: 'marker', n: numberIn(n), view: (source.page && viewOf.get(source.page)) ?? '?', detail: `__xss(${String(n)})` });
    });
    await context.route(/xss\.invalid/i, async (route) => {
      sink.push({ kind: 'request', n: numberIn(route.request().url()), view: viewOfRequest(route.request()), detail: route.request().url() });
      await route.abort();
    });
    context.on('request', (request) => {
      const url = request.url();
      if (/xss\.invalid/i.test(url)) return;
      if (/xss(\(|%28)|\/x(\?|$)|\/1(\?|$)/i.test(url)) {
        sink.push({ kind: 'request', n: numberIn(url), view: viewOfRequest(request), detail: url });
      }
    });
    context.on('dialog', (dialog) => {
      const page = dialog.page();
      sink.push({ kind: 'dialog', n: numberIn(dialog.message()), view: (page && viewOf.get(page)) ?? '?', detail: `${dialog.type()}: ${dialog.message()}` });
      void dialog.dismiss().catch(() => undefined);
    });
    return context;
  }

  async function open(name: string, options: BrowserContextOptions): Promise<Page> {
    const context = await newContext(options, hits);
    const page = await context.newPage();
    viewOf.set(page, name);
    page.on('pageerror', (e) => {
      // A click on a javascript: link React neutralised throws this on purpose.
      if (!e.message.includes('React has blocked a javascript: URL')) problems.push(`${viewOf.get(page)}: ${e.message}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`${viewOf.get(page)}: ${m.text()}`);
    });
    return page;
  }

  async function until(page: Page, predicate: string) {
    await page.waitForFunction(predicate, undefined, { timeout: WAIT });
  }
  const includes = (selector: string, text: string) => `(document.querySelector(${JSON.stringify(selector)})?.textContent ?? '').includes(${JSON.stringify(text)})`;

  async function goto(page: Page, view: string, url: string) {
    viewOf.set(page, view);
    await page.goto(url);
  }

  /**
   * Looks at one view: the payloads it shows count as renders; it must show at least `min` of them,
   * and no element in it may be live. A moment first, so that an injected handler would have run.
   */
  async function look(page: Page, view: string, { min = 1, scope = '#root' }: { min?: number; scope?: string } = {}) {
    viewOf.set(page, view);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 80)))');
    // A view may load its parts one after another (the header's account, then the lists): up to a few seconds for `min`.
    const scan = async () => {
      const found = await page.evaluate<{ present: number[]; live: string[] }>(`(${SCAN})(${JSON.stringify({ scope })})`);
      return { live: found.live, present: found.present.filter((n) => IDS.has(n)).sort((a, b) => a - b) };
    };
    let result = await scan();
    for (const end = Date.now() + 5000; result.present.length < min && Date.now() < end; result = await scan()) await page.waitForTimeout(50);
    const { present } = result;
    views.push({ view, present });
    for (const l of result.live) liveElements.push(`${view}: ${l}`);
    assert.ok(present.length >= min, `${view} shows at least ${min} payloads (it shows ${present.length})`);
  }

  async function run(command: MeetingCommand, actor: Actor = FACILITATOR, id = meetingId) {
    const outcome = await server.engine.execute({ meetingId: id, commandId: `xss-${++commandSeq}`, command, actor });
    if (outcome.kind === 'rejected') throw new Error(`${command.type} refused: ${outcome.error.code} ${outcome.error.detail}`);
  }
  const participant = (i: number) => `xss-deelnemer-${String(i).padStart(4, '0')}`;
  const as = (participantId: string): Actor => ({ role: 'participant', participantId });
  const state = async () => (await server.store.getMeeting<MeetingState>(meetingId))!.state;
  let contributionSeq = 0;
  const contributionId = () => `xss-bijdrage-${++contributionSeq}`;

  // The meeting's people: one participant per payload that fits a display name (60 characters).
  const names = fits(PAYLOADS, 60).filter((p) => p.text.trim() !== '');
  const GROUPS = 10;
  const groupOf = (i: number) => `groep-${(i % GROUPS) + 1}`;
  /** The payloads of group g: every tenth, turned by `turn` groups. */
  const groupPayloads = (g: number, turn = 0) => PAYLOADS.filter((_, i) => i % GROUPS === (g + turn) % GROUPS);
  /** Step ids and the payload each one's new title is. */
  const titles = new Map<string, Payload>();
  let programmeTitle: Payload | undefined;
  let programmeWebsite: Payload | undefined;

  before(async () => {
    assert.ok(existsSync(`${webRoot}/index.html`), 'the web client is built (npm run build)');
    server = await startTestServer({ webRoot });
    // The cases and the demo programme, without the meeting as held (its file is not there).
    await loadDemo(server.store, server.engine, server.content, fileURLToPath(new URL('./no-held-meeting.yaml', import.meta.url)));
    browser = await launchChromium();
  });

  after(async () => {
    const renders = views.reduce((n, v) => n + v.present.length, 0);
    console.log(`FIGURE xss_payloads=${PAYLOADS.length}`);
    console.log(`FIGURE xss_views=${views.length}`);
    console.log(`FIGURE xss_renders=${renders}`);
    console.log(`FIGURE xss_executions=${hits.length}`);
    for (const [field, ids] of [...fieldSizes].sort()) console.log(`# field ${field}: ${ids.size} payloads`);
    for (const v of views) console.log(`# view ${v.view}: ${v.present.length} payloads`);
    for (const h of hits) console.log(`# HIT ${h.kind} payload ${h.n ?? '?'} in ${h.view}: ${h.detail}${h.n !== null && byId.has(h.n) ? ` — ${JSON.stringify(byId.get(h.n)!.text)}` : ''}`);
    for (const l of liveElements.slice(0, 40)) console.log(`# LIVE ${l}`);
    for (const p of problems.slice(0, 40)) console.log(`# problem ${p}`);
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('[XS-1] the corpus holds 200+ payloads of every family, each calling and naming its own number', () => {
    assert.deepEqual(corpusProblems(), []);
    assert.ok(PAYLOADS.length >= 200, `${PAYLOADS.length} payloads`);
    const families = new Set(PAYLOADS.map((p) => p.family));
    for (const family of ['script tag', 'event handler', 'javascript: URL', 'frames', 'attribute breakout', 'string breakout', 'template injection', 'markdown', 'entities and encodings', 'polyglot', 'unicode', 'css']) {
      assert.ok(families.has(family), `the family ${family}`);
    }
    assert.ok(PAYLOADS.some((p) => p.text.includes(SENTINEL_HOST)), 'payloads that load from the sentinel host');
  });

  it('[XS-4] the detector works: the corpus put raw into a page runs its markers, opens dialogs and calls the sentinel, each attributed', async () => {
    const context = await newContext({ viewport: { width: 800, height: 600 } }, controlHits);
    const page = await context.newPage();
    viewOf.set(page, 'control');
    // Each payload in a document of its own (an iframe), so that one cannot swallow the next.
    const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    const frames = PAYLOADS.map((p) => `<iframe title="p${p.id}" srcdoc="${attr(`<!doctype html><body>${p.text}</body>`)}"></iframe>`).join('');
    await page.setContent(`<!doctype html><html><body>${frames}</body></html>`);
    await page.waitForTimeout(1500);
    // The same payloads raw in one page: the live-element scan finds what they became.
    await page.setContent(`<!doctype html><html><body>${PAYLOADS.slice(0, 40).map((p) => `<div>${p.text}</div>`).join('')}</body></html>`);
    const scanned = await page.evaluate<{ present: number[]; live: string[] }>(`(${SCAN})({ "scope": "body" })`);
    await page.waitForTimeout(300);
    // The same detector in a page of the app itself: markup injected into its root runs and is seen.
    const app = await context.newPage();
    viewOf.set(app, 'control: app page');
    await app.goto(`${server.url}/`);
    await app.locator('#root h1').first().waitFor();
    const injected = PAYLOADS.filter((p) => p.family === 'event handler').slice(0, 12);
    await app.evaluate(`document.querySelector('#root').insertAdjacentHTML('beforeend', ${JSON.stringify(`<div>${injected.map((p) => p.text).join('</div><div>')}</div>`)})`);
    await app.waitForTimeout(500);
    const inApp = await app.evaluate<{ present: number[]; live: string[] }>(`(${SCAN})({ "scope": "#root" })`);
    assert.ok(controlHits.some((h) => h.view === 'control: app page' && h.kind === 'marker'), 'a handler injected into an app page calls its marker (the CSP does not hide it)');
    assert.ok(inApp.live.length >= 5, `the scan finds the injected elements in the app page (${inApp.live.length})`);
    const ran = new Set(controlHits.filter((h) => h.n !== null).map((h) => h.n));
    const kinds = new Set(controlHits.map((h) => h.kind));
    console.log(`FIGURE xss_control_payloads_live=${ran.size}`);
    console.log(`# control: ${controlHits.filter((h) => h.kind === 'marker').length} marker calls, ${controlHits.filter((h) => h.kind === 'dialog').length} dialogs, ${controlHits.filter((h) => h.kind === 'request').length} requests, ${scanned.live.length} live elements in 40 raw payloads`);
    assert.ok(ran.size >= 100, `at least 100 payloads run when put raw into a page (${ran.size} did)`);
    for (const kind of ['marker', 'dialog', 'request'] as const) assert.ok(kinds.has(kind), `the detector sees a ${kind}`);
    assert.ok(controlHits.every((h) => h.n === null || IDS.has(h.n)), 'every hit names a payload of the corpus');
    assert.ok(scanned.live.length >= 20, `the scan finds the live elements of raw payloads (${scanned.live.length})`);
    await context.close();
  });

  it('[XS-1] the payloads go into every field of a live meeting: its title and facts, the agenda, names, map, cards, themes, groups, horns, notes, grid, reasons, lessons', async () => {
    const method = server.content.methods.get('goed-werk-hub');
    const demo = server.content.programmes[0]?.meetings[0];
    assert.ok(method && demo);

    // A programme whose texts are payloads (as an import could bring), with a javascript: website.
    const programmeTexts = cursor(300, 5);
    const [pTitle, pTheme, pDescription, pOrganiser, pSupported, pWebsite] = [programmeTexts(2), programmeTexts(4), programmeTexts(6), programmeTexts(1), programmeTexts(3), programmeTexts(1)];
    const programme: Programme = {
      id: PROGRAMME_ID,
      title: { nl: joined(pTitle!) },
      theme: { nl: joined(pTheme!) },
      description: { nl: joined(pDescription!, '\n\n') },
      organiser: pOrganiser![0]!.text.slice(0, 200),
      supportedBy: { nl: joined(pSupported!) },
      website: `javascript:__xss(${pWebsite![0]!.id})//${probeOf(pWebsite![0]!)}`,
    };
    await server.store.putProgramme(PROGRAMME_ID, programme);
    programmeTitle = pTitle![0]!;
    programmeWebsite = pWebsite![0]!;
    typed('programme title, theme, description, organiser, supporter', [...pTitle!, ...pTheme!, ...pDescription!, ...pOrganiser!, ...pSupported!]);

    // The meeting's own facts: title, subtitle, location, audience, facilitators, ten central questions holding every payload.
    const take = cursor(120, 17);
    const titlePayloads = take(3);
    const subtitle = take(6);
    const location = pack(take(8), 200)[0]!;
    const audience = take(6);
    const facilitators = take(10);
    const roles = take(10);
    const questionChunks = Array.from({ length: 10 }, (_, q) => PAYLOADS.filter((_, i) => i % 10 === q));
    const spec: MeetingSpec = {
      ...demo.spec,
      programmeId: PROGRAMME_ID,
      kThreshold: 3,
      title: { nl: joined(titlePayloads), en: joined(take(3)) },
      subtitle: { nl: joined(subtitle) },
      location: joined(location),
      audience: { nl: joined(audience) },
      facilitators: facilitators.map((p, i) => ({ name: p.text.trim(), role: { nl: roles[i]!.text } })),
      centralQuestions: questionChunks.map((chunk) => ({ nl: joined(chunk) })),
    };
    const made = await server.engine.createMeeting(spec, method);
    assert.equal(made.outcome.kind, 'committed');
    ({ meetingId, facilitatorToken, screenToken } = made);
    typed('meeting title', titlePayloads);
    typed('meeting subtitle', subtitle);
    typed('meeting location', location);
    typed('meeting audience', audience);
    typed('facilitator names and roles', [...facilitators, ...roles]);
    typed('central questions', PAYLOADS);

    // The facilitator edits the agenda: step titles and prompts, the fields of the map and of cards.
    const stepTitle = cursor(2000, 101);
    const prompts = pack(rotate(PAYLOADS, 33), 1900, '\n\n');
    let promptAt = 0;
    const labels = cursor(200, 211);
    const bilingual = (text: string) => ({ nl: text, en: text });
    const edits: [string, number][] = [
      ['centrale-vragen', 0], ['verantwoordelijkhedenkaart', 8], ['eigen-casussen', 0], ['dilemma-formuleren', 0], ['perspectieven', 0],
      ['keuze-achteraf', 0], ['toets-en-terugblik', 0], ['terugkoppeling', 3], ['praktijkvragen', 0], ['lessen', 0],
      ['waardering-en-feedback', 2], ['meenemen', 0], ['vervolgafspraken', 0],
    ];
    const current = (await state()).agenda.flatMap((r) => r.steps);
    for (const [stepId, fieldCount] of edits) {
      const title = stepTitle()[0]!;
      const prompt = prompts[promptAt++ % prompts.length]!;
      titles.set(stepId, title);
      typed('step titles', [title]);
      typed('step prompts', prompt);
      const step = current.find((s) => s.id === stepId);
      assert.ok(step, stepId);
      const fields =
        fieldCount > 0 && (step.primitive === 'map' || step.primitive === 'cards') && step.fields
          ? step.fields.map((f) => {
              const label = labels()[0]!;
              typed('map and card field labels', [label]);
              return { id: f.id, label: bilingual(label.text) };
            })
          : undefined;
      await run({ type: 'EditStep', stepId, changes: { title: bilingual(title.text), prompt: bilingual(joined(prompt, '\n\n')), ...(fields ? { fields } : {}) } });
    }

    await run({ type: 'OpenMeeting' });
    for (const [i, p] of names.entries()) await run({ type: 'JoinMeeting', acceptConfidentiality: true, displayName: p.text }, as(participant(i)));
    typed('participant display names', names);

    // A phone joins through the join page and types its name.
    phone = await open('phone', { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const phoneName = names[7]!;
    await goto(phone, 'phone joining', `${server.url}/j/${(await state()).joinToken}`);
    await phone.getByLabel('Ik houd me aan deze afspraak').waitFor();
    await look(phone, 'phone: agreement', { min: titlePayloads.length });
    await phone.getByLabel('Ik houd me aan deze afspraak').check();
    await phone.getByLabel('Je naam (niet verplicht)').fill(phoneName.text);
    await phone.getByRole('button', { name: 'Meedoen' }).click();
    await phone.getByRole('heading', { name: 'We beginnen zo' }).waitFor();
    phoneId = (await phone.evaluate<{ participantId: string }>(`JSON.parse(localStorage.getItem('goedwerk.participant.${meetingId}'))`)).participantId;
    assert.equal((await state()).participants[phoneId]?.displayName, phoneName.text.trim(), 'the phone joined with its typed name');
    await look(phone, 'phone: waiting', { min: 3 });

    // The console and the screen before the start, then they wait elsewhere while the data goes in.
    console_ = await open('console', { viewport: { width: 1440, height: 1000 } });
    screen = await open('screen', { viewport: { width: 1920, height: 1080 } });
    await goto(console_, 'console: open', `${server.url}/console/${meetingId}#token=${facilitatorToken}`);
    await until(console_, includes('#root', probeOf(names.at(-1)!)));
    await look(console_, 'console: open', { min: names.length });
    await goto(screen, 'screen: open', `${server.url}/screen/${meetingId}#token=${screenToken}`);
    await until(screen, includes('#root', probeOf(subtitle[0]!)));
    await look(screen, 'screen: open', { min: 5 });
    await console_.goto('about:blank');
    await screen.goto('about:blank');

    await run({ type: 'StartMeeting' });
    const input = async (stepId: string) => {
      await run({ type: 'GoToStep', stepId });
      await run({ type: 'OpenInput', stepId });
    };

    // The responsibility map: sixty people with two entries and a tension, the phone types one.
    await input('verantwoordelijkhedenkaart');
    const mapTexts = cursor(200, 57);
    const fieldIds = current.find((s) => s.id === 'verantwoordelijkhedenkaart')!;
    assert.ok(fieldIds.primitive === 'map');
    for (let i = 0; i < 60; i++) {
      const [a, b] = mapTexts(2) as [Payload, Payload];
      typed('map entries', [a, b]);
      const entries = [
        { id: 'e1', fieldId: fieldIds.fields[i % 8]!.id, text: a.text.trim(), weight: 1 + (i % 5) },
        { id: 'e2', fieldId: fieldIds.fields[(i + 3) % 8]!.id, text: b.text.trim(), weight: 5 - (i % 5) },
      ];
      await run({ type: 'SubmitContribution', stepId: 'verantwoordelijkhedenkaart', contributionId: contributionId(), payload: { kind: 'map', entries, tensions: [{ a: 'e1', b: 'e2' }] } }, as(participant(i)));
    }
    const phoneMap = mapTexts()[0]!;
    await phone.getByLabel('Waarvoor of voor wie?').waitFor();
    await phone.getByLabel('Veld').selectOption({ index: 1 });
    await phone.getByLabel('Waarvoor of voor wie?').fill(phoneMap.text);
    await phone.getByRole('group', { name: 'Hoe zwaar weegt het?' }).getByLabel('4', { exact: true }).check();
    await phone.getByRole('button', { name: 'Toevoegen aan mijn kaart' }).click();
    await phone.getByRole('heading', { name: 'Mijn kaart (1)' }).waitFor();
    typed('map entries', [phoneMap]);
    await run({ type: 'RevealResults', stepId: 'verantwoordelijkhedenkaart' });

    // Own cases: one card per person, the rest entered by proxy; the phone types its own.
    await input('eigen-casussen');
    const cases = rotate(fits(PAYLOADS, 500), 11);
    for (const [i, p] of cases.entries()) {
      const proxy = i >= names.length;
      await run({ type: 'SubmitContribution', stepId: 'eigen-casussen', contributionId: contributionId(), payload: { kind: 'card', text: p.text }, ...(proxy ? { proxy: true } : {}) }, proxy ? FACILITATOR : as(participant(i)));
    }
    typed('cards', cases);
    const phoneCard = cases[150]!;
    await phone.getByLabel('Je kaartje').fill(phoneCard.text);
    await phone.getByRole('button', { name: 'Kaartje toevoegen' }).click();
    await until(phone, `document.body.textContent.includes('Je kaartje is toegevoegd') || document.body.textContent.includes('Je hebt je kaartje toegevoegd')`);
    typed('cards typed on a phone', [phoneCard]);
    await run({ type: 'RevealResults', stepId: 'eigen-casussen' });

    // Themes: the facilitator clusters the cards of three steps under titles that are payloads.
    const themeTitles = pack(rotate(PAYLOADS, 150), 120);
    const cluster = async (stepId: string, chunks: Payload[][]) => {
      const ids = Object.keys((await state()).steps[stepId]?.contributions ?? {});
      const clusters = chunks.map((chunk, c) => ({ id: `thema-${c + 1}`, title: joined(chunk).trim(), contributionIds: ids.filter((_, j) => j % chunks.length === c) }));
      await run({ type: 'ClusterCards', stepId, clusters });
      typed('theme titles', chunks.flat());
    };
    await cluster('eigen-casussen', themeTitles.slice(0, 50));

    // Small groups with payloads as names, each with the two horns of its dilemma.
    const groupNames = cursor(60, 77)(GROUPS);
    const horns = cursor(200, 133)(2 * GROUPS);
    const members = (g: number) => [...names.map((_, i) => participant(i)).filter((_, i) => i % GROUPS === g), ...(g === 0 ? [phoneId] : [])];
    await run({ type: 'FormGroups', groups: groupNames.map((p, g) => ({ id: groupOf(g), name: p.text.trim(), memberIds: members(g) })) });
    for (let g = 0; g < GROUPS; g++) await run({ type: 'SetGroupDilemma', groupId: groupOf(g), dilemma: { hornA: horns[2 * g]!.text.trim(), hornB: horns[2 * g + 1]!.text.trim() } });
    typed('group names', groupNames);
    typed('dilemma horns', horns);

    // Each group's note, grid and choice with a reason.
    const groupNote = async (stepId: string, turn: number) => {
      await input(stepId);
      for (let g = 0; g < GROUPS; g++) {
        const text = joined(groupPayloads(g, turn), '\n');
        await run({ type: 'SubmitContribution', stepId, contributionId: contributionId(), payload: { kind: 'note', text } }, as(participant(g)));
      }
      typed('group notes', PAYLOADS);
      await run({ type: 'RevealResults', stepId });
    };
    await groupNote('dilemma-formuleren', 0);

    await input('perspectieven');
    for (let g = 0; g < GROUPS; g++) {
      const cells = groupPayloads(g, 3);
      const rows: Record<string, string>[] = [];
      for (let r = 0; r < cells.length; r += 3) rows.push({ betrokkenen: cells[r]!.text, waarden: cells[r + 1]?.text ?? '', normen: cells[r + 2]?.text ?? '' });
      await run({ type: 'SubmitContribution', stepId: 'perspectieven', contributionId: contributionId(), payload: { kind: 'grid', rows } }, as(participant(g)));
    }
    typed('grid cells', PAYLOADS);
    await run({ type: 'RevealResults', stepId: 'perspectieven' });

    await input('keuze-achteraf');
    const reasons = rotate(fits(PAYLOADS, 500), 97);
    const options = ['a', 'b', 'twijfel'];
    for (const [i, p] of reasons.entries()) {
      const proxy = i >= names.length;
      const payload = { kind: 'choice' as const, optionId: options[i % 3]!, reason: p.text.trim() };
      if (proxy) await run({ type: 'SubmitContribution', stepId: 'keuze-achteraf', contributionId: contributionId(), payload, proxy: true, groupId: groupOf(i) });
      else await run({ type: 'SubmitContribution', stepId: 'keuze-achteraf', contributionId: contributionId(), payload }, as(participant(i)));
    }
    typed('choice reasons', reasons);
    const phoneReason = reasons[42]!;
    await phone.getByLabel('Waarom? (niet verplicht)').waitFor();
    await phone.getByLabel('A', { exact: true }).check();
    await phone.getByLabel('Waarom? (niet verplicht)').fill(phoneReason.text);
    await phone.getByRole('button', { name: /^Keuze (versturen|wijzigen)$/ }).click();
    await until(phone, `document.body.textContent.includes('Je keuze is opgeslagen')`);
    typed('choice reasons typed on a phone', [phoneReason]);
    await run({ type: 'RevealResults', stepId: 'keuze-achteraf' });

    await groupNote('toets-en-terugblik', 5);

    // Plenary cards of the other steps, several payloads to a card, by the participants in turn.
    const packedCards = async (stepId: string, turn: number, max: number, fieldIds: readonly string[] = []) => {
      await input(stepId);
      const cards = pack(rotate(PAYLOADS, turn), max, '\n');
      for (const [c, chunk] of cards.entries()) {
        const payload = { kind: 'card' as const, text: joined(chunk, '\n'), ...(fieldIds.length > 0 ? { fieldId: fieldIds[c % fieldIds.length]! } : {}) };
        await run({ type: 'SubmitContribution', stepId, contributionId: contributionId(), payload }, as(participant(c % names.length)));
      }
      typed('cards', cards.flat());
      await run({ type: 'RevealResults', stepId });
    };
    const fieldsOfStep = (stepId: string) => {
      const step = current.find((s) => s.id === stepId);
      return step && step.primitive === 'cards' ? (step.fields ?? []).map((f) => f.id) : [];
    };
    await packedCards('terugkoppeling', 80, 240, fieldsOfStep('terugkoppeling'));
    await cluster('terugkoppeling', themeTitles.slice(100));
    await packedCards('praktijkvragen', 40, 240);
    await cluster('praktijkvragen', themeTitles.slice(50, 100));
    await packedCards('lessen', 120, 500);

    // Harvested lessons: titles and texts are payloads.
    const lessonTitles = pack(rotate(PAYLOADS, 60), 160);
    const lessonTexts = pack(rotate(PAYLOADS, 200), 160);
    for (const [l, chunk] of lessonTitles.entries()) {
      const text = lessonTexts[l % lessonTexts.length]!;
      await run({ type: 'HarvestLesson', lesson: { id: `les-${l + 1}`, title: joined(chunk).trim(), text: joined(text, '\n').trim(), stepId: 'lessen', sourceIds: [] } });
      typed('lesson titles', chunk);
      typed('lesson texts', text);
    }

    await packedCards('waardering-en-feedback', 160, 500, fieldsOfStep('waardering-en-feedback'));
    await packedCards('meenemen', 200, 500);

    // The facilitator's own notes of the agreements.
    await input('vervolgafspraken');
    for (const chunk of pack(rotate(PAYLOADS, 250), 4900, '\n')) {
      await run({ type: 'SubmitContribution', stepId: 'vervolgafspraken', contributionId: contributionId(), payload: { kind: 'note', text: joined(chunk, '\n') } });
      typed('facilitator notes', chunk);
    }
    await run({ type: 'RevealResults', stepId: 'vervolgafspraken' });
  });

  it('[XS-2] the console, the presentation screen and a phone show the payloads at every step and run none', async () => {
    await goto(console_, 'console', `${server.url}/console/${meetingId}#token=${facilitatorToken}`);
    await goto(screen, 'screen', `${server.url}/screen/${meetingId}#token=${screenToken}`);
    const steps: { stepId: string; screenMin: number; phoneMin: number }[] = [
      { stepId: 'centrale-vragen', screenMin: 3, phoneMin: 3 },
      { stepId: 'verantwoordelijkhedenkaart', screenMin: 3, phoneMin: 3 },
      { stepId: 'eigen-casussen', screenMin: 200, phoneMin: 200 },
      { stepId: 'dilemma-formuleren', screenMin: 200, phoneMin: 20 },
      { stepId: 'perspectieven', screenMin: 200, phoneMin: 20 },
      { stepId: 'keuze-achteraf', screenMin: 3, phoneMin: 3 },
      { stepId: 'toets-en-terugblik', screenMin: 200, phoneMin: 20 },
      { stepId: 'terugkoppeling', screenMin: 200, phoneMin: 200 },
      { stepId: 'praktijkvragen', screenMin: 200, phoneMin: 200 },
      { stepId: 'lessen', screenMin: 200, phoneMin: 200 },
      { stepId: 'waardering-en-feedback', screenMin: 200, phoneMin: 200 },
      { stepId: 'meenemen', screenMin: 200, phoneMin: 200 },
      { stepId: 'vervolgafspraken', screenMin: 200, phoneMin: 200 },
    ];
    for (const { stepId, screenMin, phoneMin } of steps) {
      await run({ type: 'GoToStep', stepId });
      const title = probeOf(titles.get(stepId)!);
      await until(console_, includes('.gw-console-now__step', title));
      await look(console_, `console: ${stepId}`, { min: names.length });
      await until(screen, includes('#root', title));
      await look(screen, `screen: ${stepId}`, { min: screenMin });
      await until(phone, includes('#root', title));
      await look(phone, `phone: ${stepId}`, { min: phoneMin });
    }
    await run({ type: 'CloseMeeting' });
    await until(phone, `document.body.textContent.includes('De bijeenkomst is afgesloten')`);
    await look(phone, 'phone: closed', { min: 1 });
    await until(screen, `document.body.textContent.includes('Dank jullie wel voor jullie bijdrage')`);
    await look(screen, 'screen: closed', { min: 1 });
    await look(console_, 'console: closed', { min: names.length });
    assert.deepEqual(hits, [], 'no payload ran in the live views');
  });

  it('[XS-2] the report — the editor and its live preview as rapporteur and as editor, the HTML export and the Markdown export — shows the payloads in titles, Markdown, names and notes, and runs none', async () => {
    const links = await server.engine.renewReportLinks(meetingId);
    assert.ok(links);
    ({ rapporteurToken, editorToken } = links);
    const api = async (method: string, path: string, token: string, body?: unknown) => {
      const response = await fetch(`${server.url}/api/meetings/${meetingId}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const json = (await response.json()) as { version: number; report: { sections: { id: string; title: string; markdown: string; included: boolean }[] } };
      assert.equal(response.status, 200, `${method} ${path}: ${JSON.stringify(json).slice(0, 300)}`);
      return json;
    };
    let view = await api('GET', '/report', rapporteurToken);
    // A generated section can be longer than the 60,000 characters a save takes (ten groups' notes,
    // grids and reasons): the rapporteur splits it in two at a paragraph, as they would by hand.
    const generated = view.report.sections.flatMap(({ id, title, markdown, included }) => {
      if (markdown.length <= 60_000) return [{ id, title, markdown, included }];
      const cut = markdown.lastIndexOf('\n\n', 55_000);
      return [
        { id, title, markdown: markdown.slice(0, cut), included },
        { id: `${id}-vervolg`, title: `${title} (vervolg)`, markdown: markdown.slice(cut + 2), included },
      ];
    });

    // Section titles and Markdown: every payload as a title, and as Markdown in several block contexts.
    const contexts = [
      (t: string) => t,
      (t: string) => `- ${t}`,
      (t: string) => `> ${t}`,
      (t: string) => `### ${t}`,
      (t: string) => `| ${t} | cel |\n| --- | --- |\n| ${t} | cel |`,
      (t: string) => `[${t}](https://example.org/)`,
      (t: string) => `**${t}** en _${t}_`,
      (t: string) => `1. ${t}`,
    ];
    const titleChunks = pack(rotate(PAYLOADS, 7), 300);
    const custom = titleChunks.map((chunk, c) => ({
      id: `xss-${c + 1}`,
      title: joined(chunk),
      markdown: chunk.map((p) => contexts[c % contexts.length]!(p.text)).join('\n\n'),
      included: true,
    }));
    typed('report section titles', titleChunks.flat());
    typed('report Markdown in lists, quotes, headings, tables, links and emphasis', titleChunks.flat());
    const all = { id: 'xss-alles', title: 'Alle payloads', markdown: PAYLOADS.map((p) => p.text).join('\n\n'), included: true };
    typed('report Markdown paragraphs', PAYLOADS);
    const found = generated.findIndex((s) => s.id === 'programme');
    const programmeAt = found < 0 ? generated.length : found;
    const sections = [...generated.slice(0, programmeAt), all, ...custom, ...generated.slice(programmeAt)];
    assert.ok(sections.length <= 60, `${sections.length} sections`);

    // Several rapporteurs save in turn: each name goes into the history, the last into the credits.
    const people = cursor(120, 271);
    for (let e = 0; e < 4; e++) {
      const name = people()[0]!;
      view = await api('PUT', '/report', rapporteurToken, { version: view.version, name: name.text, sections });
      typed('rapporteur names', [name]);
    }

    const rapporteur = await open('report: rapporteur', { viewport: { width: 1440, height: 1000 } });
    await goto(rapporteur, 'report: rapporteur, draft', `${server.url}/report/${meetingId}#token=${rapporteurToken}`);
    await until(rapporteur, includes('.gw-report-preview__page', probeOf(PAYLOADS.at(-1)!)));
    await look(rapporteur, 'report: rapporteur, draft', { min: PAYLOADS.length });

    // Typed in the browser: a name and a section's Markdown, shown in the live preview before saving.
    const typedName = people()[0]!;
    const typedChunk = pack(rotate(PAYLOADS, 123), 3000, '\n\n')[0]!;
    await rapporteur.getByLabel(/^Uw naam/).fill(typedName.text);
    const firstText = rapporteur.locator('.gw-report-section').first().getByLabel(/^Tekst \(Markdown\)/);
    const handTyped = 'Met de hand getypt in de editor.';
    await firstText.fill(`${joined(typedChunk, '\n\n')}\n\n${handTyped}`);
    await until(rapporteur, `document.body.textContent.includes('Niet-opgeslagen wijzigingen')`);
    // The preview the server renders from the unsaved text.
    await until(rapporteur, includes('.gw-report-preview__page', handTyped));
    await look(rapporteur, 'report: rapporteur, unsaved preview', { min: PAYLOADS.length });
    await rapporteur.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await rapporteur.getByText('Opgeslagen.', { exact: true }).waitFor();
    typed('rapporteur names', [typedName]);
    typed('report Markdown typed in the editor', typedChunk);
    await look(rapporteur, 'report: rapporteur, saved', { min: PAYLOADS.length });
    await loadExports('draft');

    // Through the workflow: submitted, sent back with a note, submitted again, approved, published.
    view = await api('GET', '/report', rapporteurToken);
    const submitter = people()[0]!;
    view = await api('POST', '/report/actions', rapporteurToken, { version: view.version, name: submitter.text, action: 'submit' });
    const editor = await open('report: editor', { viewport: { width: 1440, height: 1000 } });
    await goto(editor, 'report: editor, in review', `${server.url}/report/${meetingId}#token=${editorToken}`);
    await until(editor, includes('.gw-report-preview__page', probeOf(PAYLOADS.at(-1)!)));
    await look(editor, 'report: editor, in review', { min: PAYLOADS.length });
    const editorName = people()[0]!;
    const note = pack(people(12), 500)[0]!;
    view = await api('POST', '/report/actions', editorToken, { version: view.version, name: editorName.text, action: 'return', note: joined(note) });
    view = await api('POST', '/report/actions', rapporteurToken, { version: view.version, name: submitter.text, action: 'submit' });
    const approver = people()[0]!;
    view = await api('POST', '/report/actions', editorToken, { version: view.version, name: approver.text, action: 'approve', acknowledgeFindings: true });
    view = await api('POST', '/report/actions', editorToken, { version: view.version, name: approver.text, action: 'publish' });
    typed('rapporteur names', [submitter]);
    typed('editor names', [editorName, approver]);
    typed('return notes', note);

    await editor.reload();
    await until(editor, includes('.gw-report-preview__page', probeOf(approver)));
    await look(editor, 'report: editor, published', { min: PAYLOADS.length });
    await rapporteur.reload();
    await until(rapporteur, includes('.gw-report-history', probeOf(note[0]!)));
    await look(rapporteur, 'report: rapporteur, published', { min: PAYLOADS.length });
    await loadExports('published');
    assert.deepEqual(hits, [], 'no payload ran in the report');
  });

  /** The HTML export and the Markdown export rendered to HTML, each loaded with JavaScript on. */
  let exporter: Page | null = null;
  async function loadExports(stage: string) {
    exporter ??= await open('export', { viewport: { width: 1280, height: 900 } });
    const get = async (format: string) => {
      const response = await fetch(`${server.url}/api/meetings/${meetingId}/report.${format}`, { headers: { authorization: `Bearer ${rapporteurToken}` } });
      assert.equal(response.status, 200);
      return response.text();
    };
    viewOf.set(exporter, `HTML export, ${stage}`);
    await exporter.setContent(await get('html'));
    await look(exporter, `HTML export, ${stage}`, { min: PAYLOADS.length, scope: 'body' });
    viewOf.set(exporter, `Markdown export, ${stage}`);
    const markdown = await get('md');
    await exporter.setContent(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Markdown</title></head><body><main>${markdownToHtml(markdown)}</main></body></html>`);
    await look(exporter, `Markdown export, ${stage}`, { min: PAYLOADS.length, scope: 'body' });
  }

  it('[XS-2] accounts and prepared meetings: the admin’s account list, the account, the programme, the meeting pages and the new-meeting form show the payloads and run none', async () => {
    // An admin whose own name is a payload; an account for every payload that fits a name.
    const accountNames = fits(PAYLOADS, 120).filter((p) => p.text.trim() !== '');
    const adminName = accountNames[3]!;
    assert.ok(await server.accounts.createAdmin('xss-beheer@example.org', adminName.text, PASSWORD));
    for (const p of accountNames) assert.ok(await server.accounts.invite({ email: `xss-${p.id}@example.org`, displayName: p.text, role: 'facilitator' }));
    typed('account display names', accountNames);

    // Facilitators with payload names prepare meetings with payload titles and locations.
    const facilitatorNames = cursor(120, 19)(5);
    const sessions: string[] = [];
    for (const [f, name] of facilitatorNames.entries()) {
      const invited = await server.accounts.invite({ email: `xss-begeleider-${f}@example.org`, displayName: name.text, role: 'facilitator' });
      assert.ok(invited);
      const accepted = await server.accounts.acceptInvite(invited.inviteToken, PASSWORD);
      assert.ok(accepted);
      sessions.push(accepted.sessionId);
    }
    typed('account display names', facilitatorNames);
    const meetingTitles = pack(rotate(PAYLOADS, 29), 200);
    const locations = pack(rotate(PAYLOADS, 177), 200);
    const prepared: string[] = [];
    for (const [m, chunk] of meetingTitles.entries()) {
      const location = locations[m % locations.length]!;
      const response = await fetch(`${server.url}/api/meetings`, {
        method: 'POST',
        headers: { cookie: `goedwerk_session=${sessions[m % sessions.length]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ methodId: 'goed-werk-hub', title: joined(chunk), location: joined(location), programmeId: PROGRAMME_ID, date: '2031-01-23' }),
      });
      assert.equal(response.status, 201, await response.clone().text());
      prepared.push(((await response.json()) as { meetingId: string }).meetingId);
      typed('prepared meeting titles', chunk);
      typed('prepared meeting locations', location);
    }

    // The admin signs in through the login page.
    const admin = await open('admin', { viewport: { width: 1440, height: 1000 } });
    await goto(admin, 'login', `${server.url}/login`);
    await admin.getByLabel('E-mailadres').fill('xss-beheer@example.org');
    await admin.getByLabel('Wachtwoord').fill(PASSWORD);
    await Promise.all([admin.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 200), admin.getByRole('button', { name: 'Inloggen', exact: true }).click()]);

    await goto(admin, 'admin: accounts', `${server.url}/admin/accounts`);
    await until(admin, includes('#root', probeOf(accountNames.at(-1)!)));
    await look(admin, 'admin: accounts', { min: accountNames.length });
    // One more invited through the form, with a payload typed as the name.
    const formName = accountNames[77]!;
    await admin.getByLabel('E-mailadres').fill('xss-formulier@example.org');
    await admin.getByLabel('Naam', { exact: true }).fill(formName.text);
    await admin.getByRole('button', { name: 'Uitnodiging maken' }).click();
    await until(admin, `document.body.textContent.includes('Uitnodiging voor')`);
    typed('account display names typed in the invite form', [formName]);
    await look(admin, 'admin: accounts, invited through the form', { min: accountNames.length });
    await goto(admin, 'account', `${server.url}/account`);
    await until(admin, includes('#root', probeOf(adminName)));
    await look(admin, 'account', { min: 1 });
    await goto(admin, 'programme page', `${server.url}/programmes/${PROGRAMME_ID}`);
    await until(admin, includes('#root', probeOf(meetingTitles.at(-1)![0]!)));
    await look(admin, 'programme page', { min: PAYLOADS.length });
    // The website is a javascript: URL: React leaves it dead, also when clicked.
    const website = admin.locator('a', { hasText: probeOf(programmeWebsite!) }).first();
    await website.waitFor();
    const href = await website.getAttribute('href');
    console.log(`# the programme's javascript: website is rendered with href ${JSON.stringify(href)}`);
    assert.ok(!href?.includes('__xss'), 'the javascript: website is no live link');
    await website.click();
    await admin.waitForTimeout(200);
    await goto(admin, 'programmes', `${server.url}/programmes`);
    await until(admin, includes('#root', probeOf(programmeTitle!)));
    await look(admin, 'programmes', { min: 2 });
    await goto(admin, 'home', `${server.url}/`);
    await until(admin, includes('#root', probeOf(adminName)));
    await look(admin, 'home', { min: 2 });
    await goto(admin, 'meeting page: the live meeting', `${server.url}/meetings/${meetingId}`);
    await until(admin, includes('#root', probeOf(PAYLOADS.at(-1)!)));
    await look(admin, 'meeting page: the live meeting', { min: PAYLOADS.length });
    await goto(admin, 'meeting page: a prepared meeting', `${server.url}/meetings/${prepared[0]}`);
    await until(admin, includes('#root', probeOf(meetingTitles[0]![0]!)));
    await look(admin, 'meeting page: a prepared meeting', { min: 3 });
    await goto(admin, 'new meeting form', `${server.url}/meetings/new`);
    await until(admin, `document.querySelectorAll('select option').length > 1`);
    await look(admin, 'new meeting form', { min: 2 });
    assert.deepEqual(hits, [], 'no payload ran in the account and programme pages');
  });

  it('[XS-2] the case library and the programme: cases in the library, on their page, under review and on the printed cards; follow-ups and confirmed themes; payloads shown, none run', async () => {
    const library = new CaseLibrary(server.store);
    const titles = pack(rotate(PAYLOADS, 41), 200);
    const situations = pack(rotate(PAYLOADS, 97), 1200);
    const prompts = cursor(300, 61);
    const horns = cursor(200, 131);
    const made: Case[] = [];
    for (const [i, chunk] of titles.entries()) {
      const situation = situations[i % situations.length]!;
      const [a, b] = horns(2);
      const asked = prompts(3);
      made.push(
        await library.put({
          id: `xss-casus-${i}`,
          title: { nl: joined(chunk) },
          situation: { nl: joined(situation) },
          hornA: { nl: a!.text.trim() },
          hornB: { nl: b!.text.trim() },
          prompts: asked.map((p) => ({ nl: p.text.trim() })),
          themes: ['xss'],
          targetGroups: [],
          publicityTest: false,
          consent: 'not_needed',
          anonymisation: 'checked',
          // The last one waits for review, so the review page shows payloads too.
          status: i === titles.length - 1 ? 'submitted' : 'published',
        }),
      );
      typed('case titles', chunk);
      typed('case situations', situation);
      typed('case horns', [a!, b!]);
      typed('case prompts', asked);
    }
    // Follow-ups with payloads as agreement and owner role, and payloads confirmed as lesson themes.
    const agreements = pack(rotate(PAYLOADS, 151), 480);
    const owners = cursor(110, 211);
    for (const [i, chunk] of agreements.entries()) {
      const [owner] = owners(1);
      await server.store.addFollowUp({ id: `xss-vervolg-${i}`, programmeId: PROGRAMME_ID, meetingId, text: joined(chunk), ownerRole: owner!.text.trim(), reviewDate: '2031-02-01', status: i % 2 === 0 ? 'open' : 'done', createdAt: new Date(Date.UTC(2031, 0, 1, 0, i)).toISOString() });
      typed('follow-up agreements', chunk);
      typed('follow-up owner roles', [owner!]);
    }
    const themes = cursor(80, 251)(30);
    const programme = (await server.store.getProgramme(PROGRAMME_ID)) as Programme;
    await server.store.putProgramme(PROGRAMME_ID, { ...programme, confirmedThemes: [...new Set(themes.map((t) => t.text.trim()))] });
    typed('confirmed lesson themes', themes);

    const visitor = await open('library visitor', { viewport: { width: 1280, height: 1000 } });
    await goto(visitor, 'library', `${server.url}/library`);
    await until(visitor, includes('#root', probeOf(titles[0]![0]!)));
    await look(visitor, 'library', { min: 20 });
    for (const c of [made[0]!, made[1]!]) {
      await goto(visitor, `case page ${c.id}`, `${server.url}/library/${c.id}`);
      await until(visitor, `document.querySelectorAll('h1').length > 0 && document.body.textContent.length > 200`);
      await look(visitor, `case page ${c.id}`, { min: 3 });
    }
    await goto(visitor, 'programme page: follow-ups and themes', `${server.url}/programmes/${PROGRAMME_ID}`);
    await until(visitor, includes('#root', probeOf(agreements.at(-1)![0]!)));
    await look(visitor, 'programme page: follow-ups and themes', { min: 10 });

    // A reviewer sees the case that waits.
    const reviewer = await open('library reviewer', { viewport: { width: 1280, height: 1000 } });
    await goto(reviewer, 'login', `${server.url}/login`);
    await reviewer.getByLabel('E-mailadres').fill('xss-beheer@example.org');
    await reviewer.getByLabel('Wachtwoord').fill(PASSWORD);
    await Promise.all([reviewer.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 200), reviewer.getByRole('button', { name: 'Inloggen', exact: true }).click()]);
    await goto(reviewer, 'library review', `${server.url}/library/review`);
    await until(reviewer, includes('#root', probeOf(titles.at(-1)![0]!)));
    await look(reviewer, 'library review', { min: 2 });

    // The printed cards: their HTML as the printer gets it, opened in the browser.
    const html = await caseCardsHtml(
      made.slice(0, 12).map((c) => ({ id: c.id, title: c.title.nl ?? '', hornA: c.hornA?.nl, hornB: c.hornB?.nl, situation: c.situation.nl ?? '', prompts: c.prompts.map((p) => p.nl ?? ''), qrUrl: `${server.url}/library/${c.id}`, qrCaption: 'Scan' })),
      { lang: 'nl', labels: { documentTitle: 'Casuskaarten', versus: 'tegenover', criterion: 'Toets:', questions: 'Vragen', scan: 'Scan' } },
    );
    const cards = await open('case cards', { viewport: { width: 800, height: 1000 } });
    viewOf.set(cards, 'case cards (HTML for the PDF)');
    await cards.setContent(html, { waitUntil: 'load' });
    await look(cards, 'case cards (HTML for the PDF)', { min: 12, scope: 'body' });
    assert.deepEqual(hits, [], 'no payload ran in the library or the programme');
  });

  it('[XS-3] no payload text turned into a live element: no handler attribute, script, frame, object, foreign image or javascript: link in any view', () => {
    assert.deepEqual(liveElements, []);
  });

  it('[XS-1] every payload went into several fields (three at least), and every field took payloads', () => {
    const fewest = PAYLOADS.map((p) => ({ id: p.id, fields: fieldsOf.get(p.id)?.size ?? 0 })).filter((p) => p.fields < 3);
    assert.deepEqual(fewest, [], 'payloads in fewer than three fields');
    assert.ok(fieldSizes.size >= 25, `${fieldSizes.size} fields`);
  });

  it('[XS-2] in all, 2000+ payload renders in Chromium and 0 executions: no marker call, no dialog, no request to the sentinel, no script error', () => {
    const renders = views.reduce((n, v) => n + v.present.length, 0);
    assert.ok(renders >= 2000, `${renders} renders`);
    const shown = new Set(views.flatMap((v) => v.present));
    assert.equal(shown.size, PAYLOADS.length, 'every payload was shown somewhere');
    assert.deepEqual(hits, []);
    assert.deepEqual(problems, []);
  });
});
