/** Registry of per-language recipes (JavaScript/TypeScript is wired directly in ../index.ts). */
import type { LanguageFamily } from '../types';
import type { Recipe } from './recipe';
import { pythonRecipe } from './python';
import { javaRecipe } from './java';

export const RECIPES: Partial<Record<LanguageFamily, Recipe>> = {
  python: pythonRecipe,
  java: javaRecipe,
};
