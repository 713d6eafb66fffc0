// Types of tools/lint/src/boundaries.cjs (an ESLint plugin, plain CommonJS so eslint.config.mjs loads it without a build).
import type { ESLint, Rule } from 'eslint';

declare const plugin: ESLint.Plugin & { rules: { boundaries: Rule.RuleModule } };
export = plugin;
