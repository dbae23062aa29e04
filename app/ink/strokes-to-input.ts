import { centerOfMass } from './center-of-mass.js';
import { MNIST_INK, type InkOptions } from './ink-options.js';
import { rasterizeStrokes } from './rasterize-strokes.js';
import { boundsOf, type InkStrokes } from './stroke-types.js';

/**
 * Strokes to the network's input the way MNIST digits were made: the bounding
 * box scaled so the ink (stroke width included) fits the 20x20 box with its
 * aspect ratio kept, drawn antialiased with an MNIST-like stroke width, then
 * moved so the centre of mass lands on MNIST's. Where and how large a visitor
 * draws therefore does not matter. Returns size*size values in [0, 1],
 * row-major, y down; all zeros for no ink.
 */
export function strokesToInput(strokes: InkStrokes, options: InkOptions = MNIST_INK): Float32Array {
  const { size, box, penRadius, softness, centre } = options;
  const bounds = boundsOf(strokes);
  if (!bounds) return new Float32Array(size * size);

  const longest = Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY);
  // The centre line gets the box minus the pen on both sides. A tap (no
  // extent) stays a dot instead of dividing by zero.
  const scale = longest > 0 ? Math.max(box - 2 * penRadius, 1) / longest : 0;
  const midX = (bounds.minX + bounds.maxX) / 2;
  const midY = (bounds.minY + bounds.maxY) / 2;

  // First pass with the box centred, to find the centre of mass; then move
  // the drawing so it lands on `centre`. Sampling at pixel centres makes a
  // sub-pixel move shift the centre of mass by slightly less or more than
  // asked, so one more correction brings it within ~0.01 px (MNIST itself
  // shifted by whole pixels).
  let transform = { scale, offsetX: size / 2 - midX * scale, offsetY: size / 2 - midY * scale };
  const image = rasterizeStrokes(strokes, transform, size, penRadius, softness);
  for (let pass = 0; pass < 2; pass++) {
    const com = centerOfMass(image, size);
    if (!com) return image;
    transform = { scale, offsetX: transform.offsetX + centre - com.x, offsetY: transform.offsetY + centre - com.y };
    rasterizeStrokes(strokes, transform, size, penRadius, softness, image);
  }
  return image;
}
