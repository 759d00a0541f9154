import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through AppConfig (src/config), not process.env.',
        },
      ],
    },
  },
  {
    // Domain rules and the planning engine are plain TypeScript: no framework, no database.
    files: ['src/**/domain/**/*.ts', 'src/planning/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', '@nestjs-cls/*', 'nestjs-cls'], message: 'domain/ and planning/engine/ stay free of NestJS.' },
            {
              group: ['typeorm', 'typeorm/*', 'pg', '@electric-sql/*'],
              message: 'domain/ and planning/engine/ stay free of the database.',
            },
          ],
        },
      ],
    },
  },
  {
    // The config loader, the test harness, CLIs and benchmarks are the only places that read the environment.
    files: ['src/config/**', 'test/**', 'bench/**', 'seeds/run-seed.ts', 'src/database/migrate-cli.ts', 'src/database/data-source.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
