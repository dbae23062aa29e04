/**
 * Where every neuron sits, from the architecture alone, so any stack of dense
 * layers lays out sensibly. Layers stand side by side along x, each a grid in
 * its own y-z plane facing the camera's side; the input is a square of
 * pixel tiles when it is one (784 = 28 x 28), the output a labelled column.
 */
export interface LayerLayout {
  readonly size: number;
  /** Index of this layer's first node in the global node numbering (input first). */
  readonly offset: number;
  readonly kind: 'input' | 'hidden' | 'output';
  readonly columns: number;
  readonly rows: number;
  /** Distance between neighbouring nodes, world units. */
  readonly spacing: number;
  readonly x: number;
}

export interface NetworkLayout {
  readonly layers: readonly LayerLayout[];
  readonly nodeCount: number;
  /** xyz of every node, 3 values per node, in global node order. */
  readonly positions: Float32Array;
  /** Half extents, for framing the camera. */
  readonly extent: { readonly x: number; readonly y: number; readonly z: number };
}

const LAYER_GAP = 2.4;
const INPUT_SIDE = 3.2;
const HIDDEN_SIDE = 2.4;
const OUTPUT_SPACING = 0.34;

export function layoutNetwork(architecture: readonly number[]): NetworkLayout {
  const layers: LayerLayout[] = [];
  let offset = 0;
  const last = architecture.length - 1;
  const x0 = (-last * LAYER_GAP) / 2;
  architecture.forEach((size, i) => {
    const kind = i === 0 ? 'input' : i === last ? 'output' : 'hidden';
    let columns: number;
    let rows: number;
    let spacing: number;
    if (kind === 'output' && size <= 32) {
      columns = 1;
      rows = size;
      spacing = OUTPUT_SPACING;
    } else {
      columns = Math.ceil(Math.sqrt(size));
      rows = Math.ceil(size / columns);
      spacing = (kind === 'input' ? INPUT_SIDE : HIDDEN_SIDE) / Math.max(columns, rows);
    }
    layers.push({ size, offset, kind, columns, rows, spacing, x: x0 + i * LAYER_GAP });
    offset += size;
  });

  const positions = new Float32Array(offset * 3);
  let maxY = 0;
  let maxZ = 0;
  for (const layer of layers) {
    for (let n = 0; n < layer.size; n++) {
      const col = n % layer.columns;
      const row = Math.floor(n / layer.columns);
      // Row 0 at the top (images are stored y down); z runs left to right as seen from the camera.
      const y = ((layer.rows - 1) / 2 - row) * layer.spacing;
      const z = (col - (layer.columns - 1) / 2) * layer.spacing;
      positions.set([layer.x, y, z], (layer.offset + n) * 3);
      maxY = Math.max(maxY, Math.abs(y));
      maxZ = Math.max(maxZ, Math.abs(z));
    }
  }
  return { layers, nodeCount: offset, positions, extent: { x: (last * LAYER_GAP) / 2, y: maxY, z: maxZ } };
}
