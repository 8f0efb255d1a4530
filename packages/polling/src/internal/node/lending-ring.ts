/**
 * The read buffers of one socket download: a few fixed slots that Node reads into (the socket's
 * `onread` option) and the body is lent from, so a download of any size allocates no memory per
 * network read. Every read through Node's streams (fetch included) allocates a fresh buffer that
 * V8 frees only after ~32 MB of them pile up, which is what made downloads cost 50 MB of RSS.
 */

/** A read buffer is refilled from its free tail while at least this much is left (a TLS record). */
const MIN_READ = 16 * 1024 + 64;

export class LendingRing {
  readonly #slots: Uint8Array[];
  /** Body views still queued or lent, per slot: a slot is refilled only when none is left. */
  readonly #busy: number[];
  #fill = 0;
  #used = 0;
  #overflow = 0;

  constructor(slots = 8, slotBytes = 128 * 1024) {
    this.#slots = Array.from({ length: slots }, () => new Uint8Array(slotBytes));
    this.#busy = this.#slots.map(() => 0);
  }

  /** Buffers allocated because every slot was busy (Node went on reading after a pause). */
  get overflows(): number {
    return this.#overflow;
  }

  /** The memory for Node's next read. */
  next(): Uint8Array {
    const slot = this.#slots[this.#fill]!;
    if (slot.length - this.#used >= MIN_READ) return slot.subarray(this.#used);
    if (this.#busy[this.#fill] === 0) {
      this.#used = 0;
      return slot;
    }
    const free = this.#freeSlot();
    if (free === -1) {
      // TLS may hand over a few more records after a pause; they must land somewhere unlent.
      this.#overflow++;
      return new Uint8Array(MIN_READ);
    }
    this.#fill = free;
    this.#used = 0;
    return this.#slots[free]!;
  }

  /** Node wrote `n` bytes at the start of `buffer` (what `next()` returned). */
  filled(buffer: Uint8Array, n: number): void {
    if (buffer.buffer === this.#slots[this.#fill]!.buffer) this.#used += n;
  }

  /** Whether Node may read on without a slot being released first. */
  hasRoom(): boolean {
    return this.#slots[this.#fill]!.length - this.#used >= MIN_READ || this.#busy[this.#fill] === 0 || this.#freeSlot() !== -1;
  }

  /** A view of the body now queued (or lent): its slot stays busy until `release`. */
  hold(view: Uint8Array): void {
    const i = this.#slotOf(view);
    if (i !== -1) this.#busy[i]!++;
  }

  release(view: Uint8Array): void {
    const i = this.#slotOf(view);
    if (i !== -1) this.#busy[i]!--;
  }

  #slotOf(view: Uint8Array): number {
    return this.#slots.findIndex((s) => s.buffer === view.buffer);
  }

  #freeSlot(): number {
    for (let k = 1; k < this.#slots.length; k++) {
      const i = (this.#fill + k) % this.#slots.length;
      if (this.#busy[i] === 0) return i;
    }
    return -1;
  }
}
