/** Registry of per-language recipes (JavaScript/TypeScript is wired directly in ../index.ts). */
import type { LanguageFamily } from '../types';
import type { Recipe } from './recipe';
import { pythonRecipe } from './python';
import { javaRecipe } from './java';
import { kotlinRecipe } from './kotlin';
import { csharpRecipe } from './csharp';
import { goRecipe } from './go';
import { phpRecipe } from './php';
import { rustRecipe } from './rust';
import { rubyRecipe } from './ruby';
import { terraformRecipe } from './terraform';
import { appsettingsRecipe, propertiesRecipe, springYamlRecipe } from './app-config';
import { awsCredentialsRecipe, composeRecipe, dockerfileRecipe, dotenvRecipe, githubActionsRecipe } from './config-files';

export const RECIPES: Partial<Record<LanguageFamily, Recipe>> = {
  python: pythonRecipe,
  java: javaRecipe,
  kotlin: kotlinRecipe,
  csharp: csharpRecipe,
  go: goRecipe,
  php: phpRecipe,
  rust: rustRecipe,
  ruby: rubyRecipe,
  terraform: terraformRecipe,
  dotenv: dotenvRecipe,
  'docker-compose': composeRecipe,
  'github-actions': githubActionsRecipe,
  'aws-credentials': awsCredentialsRecipe,
  dockerfile: dockerfileRecipe,
  properties: propertiesRecipe,
  'spring-yaml': springYamlRecipe,
  appsettings: appsettingsRecipe,
};
