/**
 * Answers of one snapshot, by query, least recently used dropped first. A new snapshot id
 * empties it: answers of an older snapshot are never served once a newer one is seen.
 */
export class SnapshotAnswerCache<Answer> {
  private snapshotId?: string;
  private readonly answers = new Map<string, Answer>();

  constructor(private readonly capacity: number) {}

  get(snapshotId: string, queryKey: string): Answer | undefined {
    if (snapshotId !== this.snapshotId) return undefined;
    const answer = this.answers.get(queryKey);
    if (answer) {
      this.answers.delete(queryKey);
      this.answers.set(queryKey, answer);
    }
    return answer;
  }

  set(snapshotId: string, queryKey: string, answer: Answer): void {
    if (snapshotId !== this.snapshotId) {
      this.snapshotId = snapshotId;
      this.answers.clear();
    }
    this.answers.set(queryKey, answer);
    if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value as string);
  }
}
