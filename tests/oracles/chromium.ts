// Debian's Chromium driven by playwright-core, launched the one way this machine allows (no sandbox, no background networking).
import { type Browser, chromium } from 'playwright-core';

/** Chromium headless with the flags a closed network needs (without them it retries Google's hosts at every start). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
