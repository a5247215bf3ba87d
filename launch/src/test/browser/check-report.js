// Opens a report.html from the file system in headless Chromium (Debian's, through playwright-core)
// and prints what a person would see as one JSON line: the timeline's lanes and shapes, the measures
// table, each player's state, the embedded report, console errors, every URL it asked for (a player
// aborts its WAV request once it has the metadata: not an error). ReportPageBrowserTest judges it.
// Usage: node check-report.js REPORT_HTML SCREENSHOT_PNG
const path = require('path');
const { chromium } = require('playwright-core');

(async () => {
  const [, , html, screenshot] = process.argv;
  const browser = await chromium.launch({
    executablePath: process.env.VIGIL_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'], // the tests run as root, where Chromium's sandbox refuses to start
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push('console: ' + m.text()); });
    page.on('pageerror', (e) => errors.push('page error: ' + e.message));
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto('file://' + path.resolve(html), { waitUntil: 'load' });
    // Metadata loads on its own (preload="metadata"); give each player up to 20 s to get there or fail.
    await page.waitForFunction(() => Array.from(document.querySelectorAll('audio'))
      .every((a) => a.readyState >= 1 || a.error), null, { timeout: 20000 }).catch(() => {});
    const facts = await page.evaluate(() => {
      const count = (sel) => document.querySelectorAll(sel).length;
      const lanes = Array.from(document.querySelectorAll('svg.timeline g.lane')).map((g) => ({
        lane: g.getAttribute('data-lane'),
        shapes: g.querySelectorAll('[data-t]').length,
        titled: g.querySelectorAll('[data-t] > title').length,
      }));
      return {
        title: document.title,
        lanes,
        axisTicks: count('svg.timeline g.axis text.tick'),
        voiceShapes: count('g[data-lane=voice] rect.seg'),
        truthShapes: count('g[data-lane=truth] rect.truth'),
        utteranceShapes: count('g[data-lane=robot] rect.utt'),
        truncatedShapes: count('g[data-lane=robot] rect.utt.truncated'),
        cutMarks: count('g[data-lane=robot] rect.cut'),
        bargeShapes: count('g[data-lane=barge] .barge'),
        falseInterruptionShapes: count('g[data-lane=barge] .barge.false-interruption'),
        intentShapes: count('g[data-lane=intent] .intent'),
        measureRows: Array.from(document.querySelectorAll('#measures tbody tr'))
          .map((tr) => Array.from(tr.cells).map((c) => c.textContent)),
        expectationRows: count('#expectations tbody tr'),
        interruptedBanner: !!document.getElementById('interrupted'),
        audio: Array.from(document.querySelectorAll('audio')).map((a) => ({
          src: a.getAttribute('src'), readyState: a.readyState, duration: a.duration,
          error: a.error ? a.error.code : null,
        })),
        embedded: JSON.parse(document.getElementById('report-data').textContent),
      };
    });
    facts.errors = errors;
    facts.requests = requests;
    await page.screenshot({ path: screenshot, fullPage: true });
    process.stdout.write(JSON.stringify(facts) + '\n');
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
