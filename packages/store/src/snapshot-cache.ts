/** A meeting's state as this node last read or wrote it, valid while the row keeps this seq and revision. */
export interface Snapshot {
  readonly seq: number;
  readonly revision: number;
  readonly state: unknown;
}

/**
 * The states of the meetings used most recently, at most `limit` (least recently used goes
 * first). A plain Map keeps insertion order, so moving an entry to the end marks it as used.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Snapshot>();

  constructor(private readonly limit = 32) {}

  get(meetingId: string): Snapshot | undefined {
    const entry = this.entries.get(meetingId);
    if (entry) {
      this.entries.delete(meetingId);
      this.entries.set(meetingId, entry);
    }
    return entry;
  }

  set(meetingId: string, snapshot: Snapshot): void {
    const known = this.entries.get(meetingId);
    // Never back: a slower read of an older row does not replace a newer copy.
    if (known && (known.seq > snapshot.seq || (known.seq === snapshot.seq && known.revision > snapshot.revision))) return;
    deepFreeze(snapshot.state);
    this.entries.delete(meetingId);
    this.entries.set(meetingId, snapshot);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(meetingId: string): void {
    this.entries.delete(meetingId);
  }
}

/**
 * Freezes a state and everything in it, so that no reader can change the copy others share (a
 * change throws, in strict code). What is frozen already is skipped: a new state shares most of
 * its parts with the one before, so only the new parts are walked.
 */
function deepFreeze(value: unknown): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object' || Object.isFrozen(item)) continue;
    Object.freeze(item);
    for (const child of Object.values(item)) stack.push(child);
  }
}
