import "server-only";
/**
 * The bookkeeping of a budget of bytes held by request bodies at once: plain arithmetic, no
 * config and no clock, so its rules can be tested alone (lib/server/http/memory-budget.ts makes
 * the process's one budget and ties each request's share to the request).
 *
 * Two rules:
 * - everything held together stays within `total`;
 * - bodies larger than a sixteenth of it, and never less than LARGE_OVER_BYTES (4 MiB of the
 *   default 128), together stay within half of it. No booking app sends one (a family of ten
 *   with the app's photos is at most ~1.5 MB, ~3.5 MB counted sealed: the sealed text and the
 *   plaintext), abuse does: however many such bodies arrive or stall, ordinary bookings always
 *   find the other half. The largest body the size limits allow must fit that half (the config
 *   refuses to start otherwise), or it could never be taken and the phone that sent it would
 *   retry it for ever.
 */

/**
 * Above this a holding is large whatever the total: just over the app's largest (see above).
 * With the default 6 MiB MAX_BODY_BYTES a sixteenth of 128 MiB (8 MiB) would let an abuser's
 * bodies at the limit (6 MiB plain) count as ordinary and crowd out the app's.
 */
const LARGE_OVER_BYTES = 4 * 1024 * 1024;
export class ByteBudget {
  private held = 0;
  private heldLarge = 0;

  constructor(readonly total: number) {}

  /** Whether a holding of `bytes` counts among the large ones. */
  isLarge(bytes: number): boolean {
    return bytes > Math.min(this.total / 16, LARGE_OVER_BYTES);
  }

  /** Whether a single holding of `bytes` could ever be taken (from an empty budget). */
  admits(bytes: number): boolean {
    return !this.isLarge(bytes) || bytes <= this.total / 2;
  }

  /**
   * Grows one request's holding from `had` to `had + more` bytes if both rules allow it, and says
   * whether it did; refused, nothing changes. A holding that grows past the large threshold moves
   * into the large share with all it holds.
   */
  grow(had: number, more: number): boolean {
    const next = had + more;
    if (this.held + more > this.total) return false;
    if (this.isLarge(next)) {
      const large = this.heldLarge - (this.isLarge(had) ? had : 0) + next;
      if (large > this.total / 2) return false;
      this.heldLarge = large;
    }
    this.held += more;
    return true;
  }

  /** Gives back a whole holding of `bytes`, grown with `grow`. */
  free(bytes: number): void {
    this.held -= bytes;
    if (this.isLarge(bytes)) this.heldLarge -= bytes;
  }

  inUse(): { held: number; large: number } {
    return { held: this.held, large: this.heldLarge };
  }
}
