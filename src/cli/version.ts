// eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json is outside rootDir's import graph
export const VERSION: string = (require('../../../package.json') as { version: string }).version;
