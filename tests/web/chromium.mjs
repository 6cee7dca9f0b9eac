// What every browser test shares: Debian's Chromium started headless through
// playwright-core (LC_CHROMIUM names another binary), and axe-core's WCAG 2.1
// A/AA checks of a page. axe is evaluated through the DevTools protocol,
// which the page's CSP does not restrict.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let chromium;
try {
    ({ chromium } = await import('playwright-core'));
} catch (err) {
    throw new Error('playwright-core is not installed: run `npm ci` in tests/web (make test does)', { cause: err });
}

export function launchChromium() {
    return chromium.launch({
        executablePath: process.env.LC_CHROMIUM ?? '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--no-first-run', '--disable-quic'],
    });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// The problems axe finds, one line each ("rule: help — where"); [] when none.
export async function axeViolations(page) {
    return page.evaluate(`${AXE}
        ;axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })
            .then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))`);
}
