import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// Kept apart from embedded-postgres.ts so that main.ts can name the error without loading PGlite.

/**
 * The data directory is in use by another process. PGlite itself does not stop a second process from
 * opening the same directory: both would write to it, each blind to the other's changes, and the files
 * end up corrupt (tried: a second PGlite opened a directory in use and wrote to it without a word).
 */
export class EmbeddedDatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly lockFile: string,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (another npm start, or a command such as ` +
        `admin:create, while the app runs). Stop that process first, or use a PostgreSQL server (DATABASE_URL). ` +
        `If no such process is running, delete ${lockFile}.`,
    );
  }
}

// Data directories this process holds (a crashed earlier process may have had our pid, e.g. pid 1 in a container).
const heldHere = new Set<string>();

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Takes the data directory for this process: a lock file holding our pid, created only if none exists
 * (`wx`). A lock left by a process that is gone is taken over. Returns the release (also run at exit).
 */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, 'in-use-by.pid');
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = NaN;
      try {
        holder = Number(readFileSync(lockFile, 'utf8').trim());
      } catch {
        // Removed in between by its holder: try again.
      }
      const heldElsewhere = holder === process.pid ? heldHere.has(dataDir) : Number.isInteger(holder) && holder > 0 && isAlive(holder);
      if (heldElsewhere || attempt > 0) throw new EmbeddedDatabaseInUseError(dataDir, holder, lockFile);
      try {
        unlinkSync(lockFile); // left by a process that is gone
      } catch {
        // Another process took it over first: the next attempt meets its lock.
      }
    }
  }
  heldHere.add(dataDir);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(dataDir);
    process.off('exit', release);
    try {
      if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) unlinkSync(lockFile);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', release);
  return release;
}
