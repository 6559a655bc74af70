// Opens normlint's HTML report in Chromium from file:// and checks it against the JSON report
// of the same run: no console error, one overview row per document, one entry per finding,
// the severity and text filters showing the right counts, and a draft's <script> shown as
// text. Writes screenshots (and the printed PDF) for a person to look at.
//
// usage: node check-report.mjs REPORT.html REPORT.json REPORT-en.html OUT_DIR

import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [htmlPath, jsonPath, englishPath, outDir] = process.argv.slice(2);
const report = JSON.parse(readFileSync(jsonPath, "utf8"));
const diagnostics = report.diagnostics;
const failures = [];

function check(condition, what) {
  if (condition) {
    console.log(`  ok   ${what}`);
  } else {
    console.log(`  FAIL ${what}`);
    failures.push(what);
  }
}

// What the report's text filter searches, as documented in src/report/html.rs.
function expectedForText(text) {
  const needle = text.toLowerCase();
  return diagnostics.filter((d) => {
    const fields = [d.code, d.name, d.message, d.help, d.context, d.clause];
    if (d.code.startsWith("SE")) fields.push(d.path);
    return fields.some((f) => typeof f === "string" && f.toLowerCase().includes(needle));
  }).length;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // Nothing may be fetched: the report is self-contained.
  page.on("request", (request) => {
    if (!request.url().startsWith("file:")) problems.push(`request: ${request.url()}`);
  });

  console.log(`report ${htmlPath}`);
  await page.goto(pathToFileURL(resolve(htmlPath)).href, { waitUntil: "load" });

  await page.screenshot({ path: `${outDir}/html-report-overview.png` });
  const rows = await page.locator("table.overview tbody tr").count();
  check(rows === report.summary.documents, `one overview row per document (${rows} rows, ${report.summary.documents} documents)`);

  const entries = await page.locator(".finding").count();
  check(entries === diagnostics.length, `one entry per finding (${entries} entries, ${diagnostics.length} in the JSON report)`);

  const visible = () => page.locator(".finding:not([hidden])").count();
  const shownCount = async () => Number(await page.locator("#shown-count").textContent());
  check((await visible()) === diagnostics.length && (await shownCount()) === diagnostics.length, "everything shown before filtering");

  // Severity: errors only.
  await page.locator("input[name=severity][value=warning]").uncheck();
  await page.locator("input[name=severity][value=info]").uncheck();
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  check((await visible()) === errors && (await shownCount()) === errors, `severity filter: errors only shows ${errors}`);
  await page.locator("input[name=severity][value=warning]").check();
  await page.locator("input[name=severity][value=info]").check();

  // Text, in the document's words and as a rule code in another case.
  for (const text of ["必须", "pv001", "本标准"]) {
    await page.locator("#filter-text").fill(text);
    const expected = expectedForText(text);
    const seen = await visible();
    check(expected > 0 && seen === expected && (await shownCount()) === expected, `text filter “${text}” shows ${seen} of expected ${expected}`);
  }
  // Both at once: the counts next to the severities follow the text.
  await page.locator("#filter-text").fill("必须");
  const mustErrors = diagnostics.filter((d) => d.severity === "error" && [d.message, d.context].some((f) => f && f.includes("必须"))).length;
  const errorBadge = Number(await page.locator("[data-count=error]").textContent());
  check(errorBadge >= mustErrors && errorBadge === (await page.locator(".finding.sev-error:not([hidden])").count()), "severity counts follow the text filter");
  await page.locator("#filter-text").fill("");
  check((await visible()) === diagnostics.length, "clearing the filter shows everything again");

  // The <script> of a draft is text, never code.
  const pwned = await page.evaluate(() => window.pwned);
  check(pwned === undefined, "no script from a document ran");
  const scripts = await page.evaluate(() => document.scripts.length);
  const images = await page.evaluate(() => document.images.length);
  check(scripts === 1 && images === 0, `only the report's own script, no injected element (${scripts} scripts, ${images} images)`);
  const bodyText = await page.evaluate(() => document.body.innerText);
  check(bodyText.includes('<script>window.pwned = "text"</script>'), "the draft's <script> shows as text in its excerpt");
  check(bodyText.includes('脚本<script>window.pwned = "title"</script>测试规范'), "the title's <script> shows as text in the overview");

  // Sorting by errors puts the most errors last, then first.
  const errorHeader = page.locator("table.overview th").nth(4);
  await errorHeader.click();
  const firstAscending = Number(await page.locator("table.overview tbody tr td.errors").first().textContent());
  await errorHeader.click();
  const firstDescending = Number(await page.locator("table.overview tbody tr td.errors").first().textContent());
  const most = Math.max(...Object.values(diagnostics.reduce((acc, d) => {
    if (d.severity === "error") acc[d.path] = (acc[d.path] || 0) + 1;
    return acc;
  }, {})));
  check(firstAscending === 0 && firstDescending === most, `overview sorts by errors (${firstAscending} … ${firstDescending})`);

  // A collapsed finding opens onto its other places.
  const collapsed = page.locator("details.also").first();
  if ((await collapsed.count()) > 0) {
    await collapsed.locator("summary").click();
    check(await collapsed.evaluate((d) => d.open && d.querySelectorAll("li").length > 0), "a collapsed finding lists its other places");
  }

  // A rule code links to its explanation, embedded once.
  const ruleLinks = await page.evaluate(() => {
    const targets = new Set([...document.querySelectorAll("a.code")].map((a) => a.getAttribute("href")));
    return [...targets].every((h) => document.querySelectorAll(h).length === 1);
  });
  check(ruleLinks, "every rule code links to exactly one explanation");

  await page.evaluate(() => {
    const section = [...document.querySelectorAll("section.document")].find((s) => s.textContent.includes("home-care-draft.md"));
    const bar = document.querySelector(".filters");
    if (section) window.scrollTo(0, section.offsetTop - (bar ? bar.offsetHeight : 0) - 8);
  });
  await page.screenshot({ path: `${outDir}/html-report-document.png` });
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: `${outDir}/html-report.pdf`, format: "A4", printBackground: false });
  await page.emulateMedia({ media: "screen" });

  console.log(`report ${englishPath}`);
  await page.goto(pathToFileURL(resolve(englishPath)).href, { waitUntil: "load" });
  const englishEntries = await page.locator(".finding").count();
  check(englishEntries === diagnostics.length, `the English report has the same ${englishEntries} entries`);
  check((await page.evaluate(() => document.documentElement.lang)) === "en", "the English report says so");

  check(problems.length === 0, `no console error, page error or request (${problems.join("; ") || "none"})`);
} finally {
  await browser.close();
}

if (failures.length > 0) {
  console.log(`${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("HTML report: all checks passed");
