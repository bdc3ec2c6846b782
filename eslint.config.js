// Lint: zero warnings allowed (`npm run lint`). Dependency rules from the README's architecture section
// are enforced with no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const pureLibraries = {
  group: ['react', 'react-dom', 'react/*', 'dexie', 'dexie-react-hooks', 'cytoscape', 'cytoscape-*', 'leaflet', 'react-leaflet', 'papaparse', 'read-excel-file', 'read-excel-file/*'],
  message: 'src/domain is pure: no UI, storage or view libraries.',
};
// A file directly in src/domain leaves it with "../"; a file in a sub-folder (src/domain/resolution)
// leaves it with "../../" and may use "../" to reach the rest of src/domain.
const domainRule = { patterns: [pureLibraries, { group: ['../*'], message: 'src/domain may import only from src/domain.' }] };
const domainSubfolderRule = { patterns: [pureLibraries, { group: ['../../*'], message: 'src/domain may import only from src/domain.' }] };
const dbRule = { patterns: [{ group: ['react', 'react-dom', '../app/*', '../hooks/*', '../import/*', '../graph/*', '../map/*', '../report/*'], message: 'src/db knows nothing of the UI or features.' }] };
const servicesRule = { patterns: [{ group: ['react', 'react-dom', '../app/*', '../hooks/*', '../import/*', '../graph/*', '../map/*', '../report/*'], message: 'src/services knows nothing of the UI or features.' }] };
const featureRule = { patterns: [{ group: ['dexie', '../db/*', '../../db/*'], message: 'Features read and write through hooks and services, never Dexie directly.' }] };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'bench/out/**', 'src/domain/nicknameData.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/domain/*.ts'], rules: { 'no-restricted-imports': ['error', domainRule] } },
  { files: ['src/domain/*/**/*.ts'], rules: { 'no-restricted-imports': ['error', domainSubfolderRule] } },
  { files: ['src/db/**/*.ts'], rules: { 'no-restricted-imports': ['error', dbRule] } },
  { files: ['src/services/**/*.ts'], rules: { 'no-restricted-imports': ['error', servicesRule] } },
  { files: ['src/import/**/*.{ts,tsx}', 'src/graph/**/*.{ts,tsx}', 'src/map/**/*.{ts,tsx}', 'src/report/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', featureRule] } },
  { files: ['**/*.{js,mjs,cjs}', 'scripts/**', 'bench/**', 'tests/e2e/**'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
);
