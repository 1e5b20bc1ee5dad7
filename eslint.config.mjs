// Lint fails the build: every rule below is an error, never a warning.
import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

// Every rule of the plugin's recommended set, as an error.
const regexpRules = Object.fromEntries(
  Object.keys(regexp.configs['flat/recommended'].rules).map((rule) => [rule, 'error']),
);

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
    // Patterns read text from users and documents on the bot's only event loop: one that backtracks
    // super-linearly on some input stalls every user's turn. "potential" also reports what the checker cannot
    // prove safe; a partial pattern (one pasted into another) is checked too.
    files: ['src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    plugins: { regexp },
    rules: {
      ...regexpRules,
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': [
        'error',
        { report: 'potential', ignoreSticky: false, ignorePartial: false },
      ],
      'regexp/no-misleading-capturing-group': ['error', { reportBacktrackingEnds: true }],
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
