let seq = 0;

/** Unique numbers for codes and names within a test run. */
export function nextSeq(): number {
  seq += 1;
  return seq;
}
