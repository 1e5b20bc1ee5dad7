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
                '../teams/*',
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
              group: ['../bot/*', '../server/*', '../cli/*', '../scheduler/*', '../teams/*'],
              message: 'Dependencies point one way (README, "Kodens uppbyggnad").',
            },
          ],
        },
      ],
    },
  },
  // The framework boundary: botbuilder and teams-ai (and the Bot Framework packages under them) are known to
  // src/teams/ and to the app wiring in src/bot/app.ts only, so that moving to another Teams SDK touches those alone
  // (docs/teams-sdk.md). typescript-eslint's own rule, so that it adds to the layer rules below instead of replacing
  // them, and so that `import type` counts too.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/teams/**', 'src/bot/app.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'botbuilder',
                'botbuilder-*',
                'botframework-*',
                '@microsoft/teams-ai',
                '@microsoft/teams-ai/*',
              ],
              message: 'Only src/teams/ and src/bot/app.ts speak to the Bot Framework (docs/teams-sdk.md).',
            },
          ],
        },
      ],
    },
  },
  // Layers: the bot (chat-driven) and the scheduler (time-driven) both use the Teams layer and never each other;
  // the Teams layer serves them and the wiring, and knows none of them.
  {
    files: ['src/bot/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/scheduler', '**/scheduler/**', '**/server', '**/server/**', '**/cli', '**/cli/**'],
              message:
                'bot/ uses domain, storage, texts and teams; the scheduler and the wiring are not its to import.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/scheduler/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/bot', '**/bot/**', '**/server', '**/server/**', '**/cli', '**/cli/**'],
              message:
                'scheduler/ uses domain, storage, texts and teams; the bot and the wiring are not its to import.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/teams/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/bot',
                '**/bot/**',
                '**/scheduler',
                '**/scheduler/**',
                '**/server',
                '**/server/**',
                '**/cli',
                '**/cli/**',
              ],
              message: 'teams/ serves the bot, the scheduler and the wiring, and imports none of them.',
            },
          ],
        },
      ],
    },
  },
);
