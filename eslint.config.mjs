// Lint: Next.js core web vitals and TypeScript rules, one import style, and the conventions' sizes
// (../shared/CONVENTIONS.md: a file over ~400 lines or a function over ~60 is a place to split).
// What was over those sizes when the rules came in is listed in eslint-suppressions.json, which
// ESLint reads by itself: those may shrink, nothing new may join them, and
// `npx eslint . --prune-suppressions` drops an entry once its file is split.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const size = { skipBlankLines: true, skipComments: true };

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "lib/db/generated/**",
    "data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      // One import style: types come in through `import type`, modules outside the current folder
      // through the `@/` alias, never through `../`.
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "separate-type-imports" },
      ],
      "import/no-duplicates": "error",
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ regex: "^\\.\\./", message: "Import from outside this folder with '@/…'." }],
        },
      ],
      "max-lines": ["error", { max: 400, ...size }],
      "max-lines-per-function": ["error", { max: 60, ...size }],
    },
  },
  {
    // Plain Node scripts have no `@/` alias: they reach shared plain-JavaScript modules in lib/.
    files: ["scripts/**/*.mjs"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // A test's describe block is a list of cases, not a function to split.
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**/*.ts"],
    rules: { "max-lines-per-function": "off" },
  },
]);
