import { describe, expect, it } from 'vitest';
import { modelFolderName, uploadNameProblem } from '../../../../app/kiosk/upload-name.js';

describe('uploadNameProblem', () => {
  it('accepts plain names and an export folder layout', () => {
    for (const name of ['model.onnx', 'mlp_weights.json', 'mlp_weights/000_initial.json', 'my export/mlp_weights/012_approx-5-8k.json']) expect(uploadNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', 'is empty'],
    ['../evil.onnx', 'leaves its folder'],
    ['a/../../b.json', 'leaves its folder'],
    ['./model.onnx', 'leaves its folder'],
    ['/etc/passwd', 'absolute'],
    ['C:/Windows/model.onnx', 'absolute'],
    ['a\\b.onnx', 'backslash'],
    ['a\0b.onnx', 'NUL'],
    ['.hidden.onnx', 'hidden'],
    ['export/.git/config', 'hidden'],
    ['a//b.json', 'empty folder name'],
    ['a/b/c/d.json', 'deeper than 3'],
    ['mödel.onnx', 'characters other than'],
    ['x'.repeat(256), 'longer than 255'],
  ])('refuses %j (%s)', (name, problem) => {
    expect(uploadNameProblem(name)).toContain(problem);
  });
});

describe('modelFolderName', () => {
  it('makes a safe folder name from an upload name', () => {
    expect(modelFolderName('My Model v2.onnx')).toBe('my-model-v2');
    expect(modelFolderName('reference-export')).toBe('reference-export');
    expect(modelFolderName('...')).toBe('model');
    expect(modelFolderName('a'.repeat(80) + '.json')).toHaveLength(48);
  });
});
