// `npm run lint`: typescript-eslint's recommended rules, plus the type-aware rules that catch real bugs here
// (unhandled promises in an extension host, promises passed where callbacks are expected).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '.bench/**', 'test/fixtures/**', 'demo/**', 'media/**'] },
  ...tseslint.configs.recommended,
  // The npm bin shim is plain CommonJS.
  { files: ['bin/**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Only the editor adapter may talk to VS Code.
    files: ['src/engine/**/*.ts', 'src/remediation/**/*.ts', 'src/report/**/*.ts', 'src/node/**/*.ts', 'src/cli/**/*.ts', 'src/lsp/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'only src/extension imports vscode' }] }] },
  },
);
