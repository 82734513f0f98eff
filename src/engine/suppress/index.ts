/** Inline suppressions: parsing directives, applying them to findings, generating ignore comments. Pure. */
export { parseDirectives, isDate, todayString, type Directive, type DirectiveScope, type Dialect } from './directives';
export {
  applyInlineIgnores, FILE_DIRECTIVE_LINES, type ExpiredIgnore, type InlineIgnoreOptions, type InlineIgnoreResult,
  type SuppressedFinding,
} from './apply';
export { commentSyntaxFor, ignoreCommentFor, languageOf, type CommentSyntax, type IgnoreCommentOptions } from './comment-syntax';
