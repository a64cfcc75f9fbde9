import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'node:*',
  'fs',
  'net',
  'http',
  'imapflow',
  'nodemailer',
  'mailparser',
  'bullmq',
  'ioredis',
  'pino',
  'yaml',
  '**/mail/**',
  '**/queue/**',
  '**/actions/**',
  '**/cli/**',
  '**/observability/**',
  '**/config/load-*',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Unit tests open no sockets: anything that talks to a server belongs in test/integration.
    files: ['test/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:net',
                'node:http',
                'node:https',
                'node:tls',
                'imapflow',
                'smtp-server',
                '**/sandbox/**',
                '**/main.js',
                '**/start-http-server.js',
              ],
              message: 'Unit tests open no sockets; put this test in test/integration.',
            },
          ],
        },
      ],
    },
  },
  {
    // The decision core is pure: no I/O, no clock. `now` is always a parameter.
    files: [
      'src/schedule/**/*.ts',
      'src/triage/**/*.ts',
      'src/records/**/*.ts',
      'src/status/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ioModules,
              message:
                'src/schedule, src/triage, src/records and src/status are pure: no I/O imports.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass `now` in; the core never reads the clock.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass `now` in; the core never reads the clock.',
        },
        {
          selector:
            "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(now|local)$/]",
          message: 'Pass `now` in; the core never reads the clock.',
        },
        {
          selector: "MemberExpression[object.name='process']",
          message: 'The core does not read the process environment.',
        },
      ],
    },
  },
);
