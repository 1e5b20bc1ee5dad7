// Lint fails the build: every rule below is an error, never a warning.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'devTools/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../storage/*',
                '../bot/*',
                '../server/*',
                '../cli/*',
                '../scheduler/*',
                '../reports/*',
                '../importing/*',
              ],
              message: 'domain/ is pure: it depends on nothing else in src/.',
            },
            {
              group: [
                'node:fs',
                'node:http',
                'node:net',
                'fs',
                'http',
                'net',
                '@azure/*',
                'botbuilder',
                '@microsoft/*',
                'restify',
              ],
              message: 'domain/ does no I/O.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'domain/ reads no environment.' }],
    },
  },
  {
    files: ['src/storage/**/*.ts', 'src/reports/**/*.ts', 'src/importing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../bot/*', '../server/*', '../cli/*', '../scheduler/*'],
              message: 'Dependencies point one way (style.md).',
            },
          ],
        },
      ],
    },
  },
);
