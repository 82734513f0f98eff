/** Registry of per-language recipes (JavaScript/TypeScript is wired directly in ../index.ts). */
import type { LanguageFamily } from '../types';
import type { Recipe } from './recipe';

export const RECIPES: Partial<Record<LanguageFamily, Recipe>> = {};
