import { crc32 } from './crc32.js';
import { GradientFileError } from './gradient-error.js';

/** Checks a blob against the length and CRC-32 its JSON recorded: a leftover or cut-short blob fails here. */
export function checkBlob(blob: Uint8Array, expected: { byte_length: number; crc32: number }, blobFile: string, field: string): void {
  if (blob.length !== expected.byte_length) {
    throw new GradientFileError(blobFile, '', `is ${blob.length} bytes but ${field}.byte_length says ${expected.byte_length}${blob.length < expected.byte_length ? ' (truncated?)' : ''}`);
  }
  const actual = crc32(blob);
  if (actual !== expected.crc32) throw new GradientFileError(blobFile, '', `CRC-32 is ${actual} but ${field}.crc32 says ${expected.crc32} (the blob does not belong to this JSON, or is damaged)`);
}
