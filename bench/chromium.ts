// Headless Chromium for the report's browser tests and its screenshot:
// Debian's `chromium` package driven by puppeteer-core (which downloads no
// browser). One fresh profile per launch, nothing started in the background.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Where Debian installs it; VIRTCHECK_CHROMIUM names another. */
export const CHROMIUM = process.env['VIRTCHECK_CHROMIUM'] ?? '/usr/bin/chromium';

export const INSTALL_HINT = 'apt-get update && apt-get install -y chromium';

export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `Chromium not found at ${CHROMIUM}; install it with: ${INSTALL_HINT}`;
}

export interface HeadlessChromium {
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<HeadlessChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'virtcheck-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
