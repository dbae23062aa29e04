/**
 * Outside the opening hours the display rests: a calm dark veil over the
 * page (the network glows faintly through it) with one short "closed" line.
 * It never blocks anything: the veil lets every touch through, and input
 * (staff walking by, a cleaner's elbow) lifts it until the page has been
 * left alone for the idle timeout again.
 */
export class ClosedMode {
  /** The hub says the exhibit is closed now. */
  closed = false;
  /** The veil is shown (closed, and nobody has touched the page lately). */
  dimmed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly veil: HTMLElement,
    private readonly idleMs: () => number,
  ) {}

  set(closed: boolean): void {
    if (closed === this.closed) return;
    this.closed = closed;
    clearTimeout(this.timer);
    this.show(closed);
  }

  /** Any visitor input: the page wakes; the veil returns after the idle timeout. */
  input(): void {
    if (!this.closed) return;
    if (this.dimmed) this.show(false);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.closed) this.show(true);
    }, this.idleMs());
  }

  private show(dim: boolean): void {
    this.dimmed = dim;
    this.veil.hidden = !dim;
    document.body.classList.toggle('exhibit-closed', dim);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
