/**
 * Counts the bytes a page hands to WebGL for the GPU: every texImage*,
 * texSubImage* and buffer(Sub)Data call on any WebGL2 context, whoever makes
 * it. Measuring at the GL boundary counts three.js's uploads the same way for
 * both implementations the display benchmark compares, whatever each one
 * says it uploads. Uniforms are not counted (both sides set a handful).
 */
export interface UploadCounter {
  /** Bytes since the last reset. */
  readonly bytes: number;
  /** Calls since the last reset. */
  readonly calls: number;
  reset(): void;
}

type Gl = WebGL2RenderingContext;
type Method = 'texImage2D' | 'texSubImage2D' | 'texImage3D' | 'texSubImage3D' | 'bufferData' | 'bufferSubData';

export function installUploadCounter(): UploadCounter {
  const state = { bytes: 0, calls: 0 };
  const proto = WebGL2RenderingContext.prototype as unknown as Record<Method, (...args: unknown[]) => void>;
  const wrap = (name: Method, count: (gl: Gl, args: unknown[]) => number): void => {
    const original = proto[name];
    proto[name] = function (this: Gl, ...args: unknown[]) {
      state.bytes += count(this, args);
      state.calls++;
      return original.apply(this, args);
    };
  };
  // (target, level, internalformat, width, height, border, format, type, source[, srcOffset]) or (target, level, internalformat, format, type, source)
  wrap('texImage2D', (gl, a) => (a.length >= 8 ? region(gl, a[3], a[4], 1, a[6], a[7], a[8], a[9]) : imageBytes(a[5])));
  // (target, level, x, y, width, height, format, type, source[, srcOffset]) or (target, level, x, y, format, type, source)
  wrap('texSubImage2D', (gl, a) => (a.length >= 8 ? region(gl, a[4], a[5], 1, a[6], a[7], a[8], a[9]) : imageBytes(a[6])));
  // (target, level, internalformat, width, height, depth, border, format, type, source[, srcOffset])
  wrap('texImage3D', (gl, a) => region(gl, a[3], a[4], a[5], a[7], a[8], a[9], a[10]));
  // (target, level, x, y, z, width, height, depth, format, type, source[, srcOffset])
  wrap('texSubImage3D', (gl, a) => region(gl, a[5], a[6], a[7], a[8], a[9], a[10], a[11]));
  // (target, sizeOrData, usage[, srcOffset, length]): a size alone allocates, uploads nothing.
  wrap('bufferData', (_gl, a) => viewBytes(a[1], a[3], a[4]));
  // (target, dstByteOffset, srcData[, srcOffset, length])
  wrap('bufferSubData', (_gl, a) => viewBytes(a[2], a[3], a[4]));
  return {
    get bytes() {
      return state.bytes;
    },
    get calls() {
      return state.calls;
    },
    reset() {
      state.bytes = 0;
      state.calls = 0;
    },
  };
}

function viewBytes(data: unknown, srcOffset: unknown, length: unknown): number {
  if (!ArrayBuffer.isView(data)) return data instanceof ArrayBuffer ? data.byteLength : 0;
  const element = 'BYTES_PER_ELEMENT' in data ? (data.BYTES_PER_ELEMENT as number) : 1;
  if (typeof length === 'number' && length > 0) return length * element;
  return data.byteLength - (typeof srcOffset === 'number' ? srcOffset * element : 0);
}

/** Bytes of a width x height x depth region read from a typed array (a number there is a PBO offset: nothing from the page). */
function region(gl: Gl, width: unknown, height: unknown, depth: unknown, format: unknown, type: unknown, source: unknown, srcOffset: unknown): number {
  if (source === null || source === undefined || typeof source === 'number') return 0;
  if (!ArrayBuffer.isView(source)) return imageBytes(source);
  const texel = texelBytes(gl, format as number, type as number);
  const size = (width as number) * (height as number) * (depth as number) * texel;
  return texel > 0 ? size : viewBytes(source, srcOffset, undefined);
}

/** A DOM image source (canvas, image, bitmap) goes up as RGBA8. */
function imageBytes(source: unknown): number {
  const s = source as { width?: number; height?: number } | null;
  return (s?.width ?? 0) * (s?.height ?? 0) * 4;
}

function texelBytes(gl: Gl, format: number, type: number): number {
  const channels =
    format === gl.RED || format === gl.RED_INTEGER || format === gl.ALPHA || format === gl.LUMINANCE ? 1
    : format === gl.RG || format === gl.RG_INTEGER || format === gl.LUMINANCE_ALPHA ? 2
    : format === gl.RGB || format === gl.RGB_INTEGER ? 3
    : format === gl.RGBA || format === gl.RGBA_INTEGER ? 4
    : 0;
  const size =
    type === gl.FLOAT || type === gl.INT || type === gl.UNSIGNED_INT ? 4
    : type === gl.HALF_FLOAT || type === gl.SHORT || type === gl.UNSIGNED_SHORT ? 2
    : type === gl.UNSIGNED_BYTE || type === gl.BYTE ? 1
    : 0;
  return channels * size;
}
