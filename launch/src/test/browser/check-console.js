// Opens the live web console in headless Chromium (Debian's, through playwright-core) while a replay
// plays, and prints what a person saw as one JSON line: the lanes filling, a transcript, an intent,
// the camera frame with its boxes, a watch made from the page and whether it fired, console errors.
// It also sends the console malformed WebSocket messages, which must change nothing on the page.
// ConsoleBrowserTest judges it. Usage: node check-console.js URL SCREENSHOT_PNG WATCH_REQUEST
const { chromium } = require('playwright-core');

(async () => {
  const [, , url, screenshot, request] = process.argv;
  const browser = await chromium.launch({
    executablePath: process.env.VIGIL_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'], // the tests run as root, where Chromium's sandbox refuses to start
  });
  const facts = { errors: [], requests: [], steps: [] };
  const step = (name) => facts.steps.push([name, Date.now()]);
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    page.on('console', (m) => { if (m.type() === 'error') facts.errors.push('console: ' + m.text()); });
    page.on('pageerror', (e) => facts.errors.push('page error: ' + e.message));
    page.on('request', (r) => facts.requests.push(r.url().replace(/token=[^&]*/, 'token=…')));
    await page.goto(url, { waitUntil: 'load' });
    step('loaded');
    facts.addressAfterLoad = page.url();
    await page.waitForFunction(() => document.getElementById('status').className === 'ok', null, { timeout: 20000 });
    step('live');

    // The agent loads its models after the console is up: its `started` event says it is there.
    await page.waitForFunction(() => window.vigilConsole.events > 0, null, { timeout: 90000 });
    step('agent started');
    // The watch first: the video reaches its condition late in the scenario.
    await page.fill('#watch-request', request);
    await page.click('#watch-create');
    await page.waitForFunction((r) => Array.from(document.querySelectorAll('#watches tr'))
      .some((row) => row.children[1] && row.children[1].textContent === r), request, { timeout: 10000 });
    const mine = await page.evaluate((r) => Array.from(document.querySelectorAll('#watches tr'))
      .find((row) => row.children[1].textContent === r).getAttribute('data-watch'), request);
    step('watch made: ' + mine);
    facts.watchError = await page.textContent('#watch-error');

    // A second one, taken back with its Cancel button.
    const other = 'tell me when the light is green';
    await page.fill('#watch-request', other);
    await page.click('#watch-create');
    const row = (r) => '#watches tr:has(td:nth-child(2):text-is("' + r + '"))';
    await page.click(row(other) + ' button', { timeout: 10000 });
    await page.waitForSelector(row(other) + '[data-state=cancelled]', { timeout: 10000 }).catch(() => {});
    facts.cancelled = await page.getAttribute(row(other), 'data-state');
    step('watch cancelled');

    // What a broken or hostile page could send: ignored, counted, the feed goes on.
    await page.evaluate(() => {
      const ws = window.vigilConsole.socket;
      ws.send('this is not json');
      ws.send(JSON.stringify({ type: 'shutdown' }));
      ws.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(8000) }));
    });

    await page.waitForFunction(() => document.querySelectorAll('#lane-listen rect').length > 0
      && document.querySelectorAll('#lane-speak rect').length > 0
      && document.querySelectorAll('#transcripts li').length > 0
      && document.querySelectorAll('#intents li').length > 0, null, { timeout: 60000 });
    step('lanes, transcript, intent');
    const lanesEarly = await page.evaluate(() => ['listen', 'speak', 'perceive'].map(
      (l) => document.querySelectorAll('#lane-' + l + ' rect').length));

    await page.waitForSelector('#watches tr[data-watch="' + mine + '"][data-state=fired]', { timeout: 60000 }).catch(() => {});
    step('watch fired (or gave up)');
    // A frame and its boxes, then the picture.
    await page.waitForFunction(() => !document.getElementById('frame').hidden
      && document.getElementById('frame').naturalWidth > 0, null, { timeout: 10000 }).catch(() => {});
    step('frame shown (or gave up)');
    await page.waitForTimeout(600);
    await page.screenshot({ path: screenshot, fullPage: true });
    Object.assign(facts, await page.evaluate(() => {
      const texts = (sel) => Array.from(document.querySelectorAll(sel)).map((e) => e.textContent);
      return {
        lanes: Object.fromEntries(['listen', 'speak', 'perceive'].map(
          (l) => [l, document.querySelectorAll('#lane-' + l + ' rect').length])),
        transcripts: texts('#transcripts li'),
        intents: texts('#intents li'),
        utterances: texts('#utterances li'),
        truncatedMarks: document.querySelectorAll('#utterances .truncated-mark').length,
        watches: Array.from(document.querySelectorAll('#watches tr')).map((r) => ({
          id: r.getAttribute('data-watch'), state: r.getAttribute('data-state'),
          cells: Array.from(r.children).map((c) => c.textContent) })),
        latencyRows: texts('#latency tr td:first-child'),
        frameShown: !document.getElementById('frame').hidden && document.getElementById('frame').naturalWidth > 0,
        framesFetched: window.vigilConsole.frames || 0,
        seen: document.getElementById('seen').textContent,
        events: window.vigilConsole.events,
        stillLive: document.getElementById('status').className === 'ok',
        htmlInjected: document.querySelectorAll('#transcripts b, #utterances b, #intents b').length,
      };
    }));
    facts.lanesEarly = lanesEarly;
  } catch (e) {
    facts.errors.push('driver: ' + e.message);
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(facts));
})();
