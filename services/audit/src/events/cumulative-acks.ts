/**
 * Acknowledges a channel's deliveries cumulatively: one `basic.ack` with `multiple` for every
 * delivery up to a tag, once each of them is done. Deliveries are finished out of order (the
 * organizations' batches run side by side), so a tag is acknowledged only when every earlier
 * one is done too, and never one settled otherwise (dead-lettered, which acknowledges its own):
 * acknowledging a tag twice closes the channel. On a quorum queue every acknowledgement is a
 * command in the queue's log; one per batch instead of one per event is what the broker saves.
 */
export class CumulativeAcks {
  /** Tags delivered and not yet covered by an acknowledgement, oldest first (tags only grow). */
  private readonly outstanding: number[] = [];
  private readonly finished = new Map<number, 'ack' | 'settled'>();

  delivered(tag: number): void {
    this.outstanding.push(tag);
  }

  /**
   * Marks a delivery done: `ack` to be acknowledged here, `settled` when it was acknowledged
   * already. Returns the tag to acknowledge with `multiple` now, if any.
   */
  finish(tag: number, how: 'ack' | 'settled'): number | undefined {
    this.finished.set(tag, how);
    let highest: number | undefined;
    while (this.outstanding.length > 0 && this.finished.has(this.outstanding[0])) {
      const done = this.outstanding.shift()!;
      if (this.finished.get(done) === 'ack') highest = done;
      this.finished.delete(done);
    }
    return highest;
  }
}
