// Lint with folder boundaries: app/ is the pure core shared by the main
// process and the pages, so it must not reach for Electron, the DOM, three.js
// or Node's own modules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeOnly = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'url', 'crypto', 'worker_threads', 'stream', 'zlib', 'events', 'util', 'buffer', 'process'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['main/**', 'tests/**', 'scripts/**', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'app/ is the pure core: no Electron (put it in main/shell).' },
            { name: 'three', message: 'app/ is the pure core: no three.js (put it in renderer/).' },
            ...nodeOnly.map((name) => ({ name, message: 'app/ is the pure core: no Node modules (put it in main/).' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'app/ is the pure core: no Node modules (put it in main/).' },
            { group: ['three/*', 'electron/*'], message: 'app/ is the pure core: no three.js or Electron.' },
            { group: ['**/main/**', '**/renderer/**'], message: 'app/ must not depend on main/ or renderer/.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'].map((name) => ({
          name,
          message: 'app/ is the pure core: no DOM or Node globals.',
        })),
      ],
    },
  },
);
