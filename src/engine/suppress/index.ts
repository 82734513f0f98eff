/** Inline suppressions: parsing directives, applying them to findings, generating ignore comments. Pure. */
export { parseDirectives, isDate, type DirectiveScope } from './directives';
export { applyInlineIgnores, FILE_DIRECTIVE_LINES, type ExpiredIgnore } from './apply';
export { commentSyntaxFor, ignoreCommentFor } from './comment-syntax';
