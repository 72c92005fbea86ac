// ESLint for the browser modules (js/) and the Node scripts (scripts/):
// `npm ci --ignore-scripts && npx --no-install eslint js scripts` (or `npm run lint`).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";

export default defineConfig([
  globalIgnores(["vendor/", "node_modules/"]),
  js.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: globals.browser,
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-unused-vars": "error",
    },
  },
  {
    // Components and functions stay small enough to read at a glance.
    files: ["js/**/*.js"],
    rules: {
      "max-lines-per-function": ["error", { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ["scripts/**/*.mjs", "eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
]);
