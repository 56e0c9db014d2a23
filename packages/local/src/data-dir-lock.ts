/**
 * One `npm start` per data folder. The embedded engine's LevelDB takes the folder's lock when it
 * opens, but dynalite opens it lazily and a second process then fails on its first request with
 * "Database is closed", thrown where nothing can catch it. So `npm start` claims the folder
 * first: `<dataDir>/npm-start.pid` holds the running process's id. A second start on the same
 * folder stops with a message that says what to do; a pid file left by a process that no longer
 * runs (a crash, a kill -9) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(
      `The data folder ${dataDir} is in use by another npm start (process ${pid}). ` +
        `Stop that one first (Ctrl+C in its terminal, or kill ${pid}), or give this one its own folder with DATA_DIR=<folder>.`,
    );
    this.name = 'DataDirInUseError';
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Claims the folder for this process; returns the release (also run on exit). */
export function claimDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'npm-start.pid');
  let holder = Number.NaN;
  try {
    holder = Number(readFileSync(file, 'utf8').trim());
  } catch {
    // no pid file: the folder is free
  }
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && running(holder)) throw new DataDirInUseError(dataDir, holder);
  writeFileSync(file, `${process.pid}\n`);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return release;
}
