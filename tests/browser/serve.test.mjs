// Browser test of the search page: Debian's chromium driven by playwright-core against a
// real `newsearch serve` on a free loopback port. Run through scripts/test-browser.
//
//   node serve.test.mjs --bin NEWSEARCH --db DB --screenshots DIR
//
// Prints one "ok"/"not ok" line per check (TAP) and exits 1 on the first failure.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const BIN = args.bin || process.env.NEWSEARCH_BIN;
const DB = args.db || process.env.NEWSEARCH_TEST_DB;
const SHOTS = args.screenshots || process.env.SCREENSHOT_DIR || '.';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SEED_TITLE = 'NATO Secretary General says Zelenskyy should restore relations with Trump';
const XSS_TITLE = '<script>alert(1)</script> Grain report <img src=x onerror=alert(2)>';
const STEP_TIMEOUT = 10000;

if (!BIN || !DB) {
  console.error('usage: node serve.test.mjs --bin NEWSEARCH --db DB [--screenshots DIR]');
  process.exit(2);
}
mkdirSync(SHOTS, { recursive: true });

// A failed check is reported and the test goes on (the steps mostly stand alone), so one
// run shows everything that is wrong; a step that cannot proceed throws instead.
let checks = 0;
let failed = 0;
function ok(cond, what, detail) {
  checks += 1;
  if (cond) {
    console.log(`ok ${checks} - ${what}`);
    return;
  }
  failed += 1;
  console.log(`not ok ${checks} - ${what}${detail === undefined ? '' : `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`);
}

/** Starts `newsearch serve --port 0` and resolves with its URL, read from its first line. */
function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ['serve', '--db', DB, '--port', '0', '--bind', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error(`server did not start: ${out}${err}`)); }, STEP_TIMEOUT);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) { clearTimeout(timer); resolve({ child, url: m[1], stderr: () => err }); }
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${out}${err}`)); });
  });
}

/** A page that records what must never happen: script dialogs, errors, requests off this origin. */
async function watchedPage(context, origin, problems) {
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  page.on('dialog', async (d) => { problems.push(`dialog opened: ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) problems.push(`request off origin: ${r.url()}`); });
  return page;
}

const total = (page) => page.evaluate(() => {
  const m = /of (?:about )?([\d,]+) results?/.exec(document.getElementById('summary').textContent);
  return m ? Number(m[1].replace(/,/g, '')) : 0;
});

async function search(page, text) {
  await page.fill('#q', '');
  await page.type('#q', text);
  await page.press('#q', 'Enter');
  await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q && !document.getElementById('search-view').classList.contains('loading') && document.getElementById('summary').textContent !== '', text);
}

async function main() {
  const server = await startServer();
  const origin = server.url.replace(/\/$/, '');
  console.log(`# server ${server.url}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  let page;
  try {
    // ------------------------------------------------------------ desktop
    const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
    page = await watchedPage(desktop, origin, problems);
    await page.goto(server.url);
    await page.waitForSelector('#welcome:not([hidden])');
    await page.screenshot({ path: path.join(SHOTS, 'desktop-home.png') });

    await page.click('body');
    await page.keyboard.press('/');
    ok(await page.evaluate(() => document.activeElement.id === 'q'), '"/" focuses the search box');

    await search(page, 'subsoil deal');
    const first = page.locator('#results .result').first();
    ok((await first.locator('.result-title a').textContent()) === SEED_TITLE, 'the seed article is the first result for "subsoil deal"',
      await first.locator('.result-title a').textContent());
    const marks = (await first.locator('.snippet mark').allTextContents()).map((t) => t.toLowerCase());
    ok(marks.includes('subsoil') && marks.includes('deal'), '"subsoil" and "deal" are highlighted with <mark> in its snippet', marks);
    ok(new URL(page.url()).searchParams.get('q') === 'subsoil deal', 'the query is in the URL', page.url());
    await page.screenshot({ path: path.join(SHOTS, 'desktop-results.png'), fullPage: true });

    // Suggestions for the word being typed.
    await page.fill('#q', '');
    await page.type('#q', 'zel');
    await page.waitForSelector('#suggestions:not([hidden]) li');
    ok((await page.locator('#suggestions li').count()) > 0, 'typing "zel" shows suggestions');
    await page.keyboard.press('Escape');

    // A person facet narrows the results and changes the URL; back returns.
    await search(page, 'zelenskyy');
    const before = await total(page);
    const beforeUrl = page.url();
    const beforeTitles = await page.locator('#results .result-title a').allTextContents();
    ok(before > 1, 'a broad query finds several articles', before);
    const facet = page.locator('[data-facet="people"] .facet-item').filter({ hasNot: page.locator('[aria-pressed="true"]') });
    let person = null;
    for (const b of await facet.all()) {
      const n = Number((await b.locator('.facet-count').textContent()).replace(/,/g, ''));
      if (n < before) { person = await b.getAttribute('data-value'); await b.click(); break; }
    }
    ok(person !== null, 'a person facet with fewer matches than the query is offered');
    await page.waitForFunction((p) => new URL(location.href).searchParams.getAll('person').includes(p), person);
    await page.waitForFunction(() => !document.getElementById('search-view').classList.contains('loading'));
    const narrowed = await total(page);
    ok(narrowed > 0 && narrowed < before, `clicking person "${person}" narrows the results`, { before, narrowed });
    ok((await page.locator('#chips .chip').count()) === 1, 'the filter is shown as a removable chip');
    await page.screenshot({ path: path.join(SHOTS, 'desktop-facet.png'), fullPage: true });

    await page.goBack();
    await page.waitForFunction((u) => location.href === u, beforeUrl);
    await page.waitForFunction((n) => document.querySelectorAll('#results .result').length === n && !document.getElementById('search-view').classList.contains('loading'), beforeTitles.length);
    ok(JSON.stringify(await page.locator('#results .result-title a').allTextContents()) === JSON.stringify(beforeTitles),
      'back returns the previous results');
    ok((await total(page)) === before, 'and the previous total');

    // The timeline: bars drawn in SVG; a click filters to that period.
    ok((await page.locator('#timeline:not([hidden]) svg .bar[role="button"]').count()) > 0, 'the timeline shows bars');
    const bar = page.locator('#timeline svg .bar[role="button"]').first();
    const period = await bar.getAttribute('data-period');
    await bar.click();
    await page.waitForFunction((p) => new URL(location.href).searchParams.get('date') === p, period);
    await page.waitForFunction(() => !document.getElementById('search-view').classList.contains('loading'));
    ok((await total(page)) <= before, `clicking the ${period} bar filters to that period`);
    await page.goBack();
    await page.waitForFunction((u) => location.href === u, beforeUrl);
    await page.waitForFunction(() => !document.getElementById('search-view').classList.contains('loading'));

    // The article view: full text from /api/article, URL bookmarkable, Escape closes.
    const target = await page.locator('#results .result-title a').first().textContent();
    await page.locator('#results .result-title a').first().click();
    await page.waitForSelector('#article-view:not([hidden]) .article-text p');
    ok((await page.locator('#article-title').textContent()) === target, 'the article view shows the article');
    ok(new URL(page.url()).searchParams.get('article')?.length === 16, 'the article id is in the URL');
    ok((await page.locator('#article-view .article-text p').count()) > 1, 'with its paragraphs');
    await page.screenshot({ path: path.join(SHOTS, 'desktop-article.png') });
    await page.keyboard.press('Escape');
    await page.waitForSelector('#article-view', { state: 'hidden' });
    ok(page.url() === beforeUrl, 'Escape closes the article and restores the URL', page.url());

    // A title with markup in it is shown as text, never run.
    await search(page, 'zanzibarquux');
    const xss = page.locator('#results .result-title a').first();
    ok((await xss.textContent()) === XSS_TITLE, 'a <script> title is shown as text', await xss.textContent());
    ok((await page.locator('#results script, #results img').count()) === 0, 'and no element is made from it');
    await xss.click();
    await page.waitForSelector('#article-view:not([hidden]) .article-text p');
    ok((await page.locator('#article-title').textContent()) === XSS_TITLE, 'the article view shows it as text too');
    ok((await page.locator('#article-view script, #article-view img').count()) === 0, 'without elements made from it');
    const articleText = await page.locator('#article-body').textContent();
    ok(!/\b(null|undefined)\b/.test(articleText), 'absent people and tags leave no "null" behind', articleText.slice(0, 200));
    await page.screenshot({ path: path.join(SHOTS, 'desktop-escaping.png') });

    // A shared URL opens the same state.
    await page.goto(`${server.url}?q=zelenskyy&sort=newest&page=2`);
    await page.waitForSelector('#results .result');
    ok((await page.locator('.page.current').textContent()) === '2' && (await page.inputValue('#sort')) === 'newest',
      'a bookmarked URL restores query, sort and page');
    await desktop.close();

    // ------------------------------------------------------------ phone
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    page = await watchedPage(phone, origin, problems);
    await page.goto(`${server.url}?q=zelenskyy`);
    await page.waitForSelector('#results .result');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    ok(overflow <= 0, 'nothing overflows the phone width', overflow);
    await page.screenshot({ path: path.join(SHOTS, 'phone-results.png') });
    await page.click('#facets-panel > summary');
    await page.waitForSelector('#facets-panel[open] .facet-item');
    await page.screenshot({ path: path.join(SHOTS, 'phone-filters.png') });
    await page.locator('#results .result-title a').first().click();
    await page.waitForSelector('#article-view:not([hidden]) .article-text p');
    await page.screenshot({ path: path.join(SHOTS, 'phone-article.png') });
    await phone.close();

    ok(problems.length === 0, 'no dialog, page error, console error or off-origin request', problems);
    console.log(`1..${checks}`);
    if (failed) {
      console.log(`# ${failed} of ${checks} checks failed`);
      process.exitCode = 1;
    }
  } catch (e) {
    console.log(`not ok ${checks + 1} - ${e.message}`);
    if (problems.length) console.log(`# also: ${problems.join('; ')}`);
    if (page && !page.isClosed()) await page.screenshot({ path: path.join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
    process.exitCode = 1;
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
  }
}

main().catch((e) => { console.log(`not ok - ${e.message}`); process.exit(1); });
