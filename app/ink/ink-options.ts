/**
 * How strokes become the network's input, with MNIST's numbers: the digit's
 * bounding box is scaled to fit 20x20 (aspect ratio kept) and placed in 28x28
 * so that its centre of mass sits where MNIST's does.
 */
export interface InkOptions {
  /** Side of the input image in pixels. */
  readonly size: number;
  /** Side of the box the ink (stroke width included) is scaled to fit. */
  readonly box: number;
  /**
   * Half the stroke width in output pixels, where intensity is 0.5. MNIST
   * strokes integrate to ~2.9 px across (a "1" sums to ~60 over ~20 px of
   * length in the test set), so 1.45.
   */
  readonly penRadius: number;
  /** Width of the antialiased edge in pixels: MNIST edges fade over 1-2 pixels. */
  readonly softness: number;
  /**
   * Where the centre of mass lands, in pixel indices. Measured on the 10,000
   * MNIST test digits: (14.01, 13.99), i.e. pixel (14, 14), not 13.5.
   */
  readonly centre: number;
}

export const MNIST_INK: InkOptions = {
  size: 28,
  box: 20,
  penRadius: 1.45,
  softness: 1.5,
  centre: 14,
};
