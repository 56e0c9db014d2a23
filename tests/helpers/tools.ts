/**
 * Tests may skip for a missing tool on a laptop, never in CI: with CI set, a missing browser or
 * Java is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const inCI = Boolean(process.env.CI);

function has(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

export const hasJava = has(() => {
  execFileSync('java', ['-version'], { stdio: 'ignore' });
  return true;
});

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Returns true when the suite should run; throws in CI when the tool is missing. */
export function requireTool(name: string, present: boolean): boolean {
  if (present) return true;
  if (inCI) throw new Error(`${name} is missing but CI is set: .ci/run must install it.`);
  console.warn(`Skipping: ${name} is not installed on this machine.`);
  return false;
}
