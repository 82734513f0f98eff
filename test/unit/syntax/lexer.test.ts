/** The one tokenizer (src/syntax/lexer.ts): literals, comments and each language's interpolation rules. */
import * as assert from 'node:assert/strict';
import { CODE, COMMENT, STRING, codeView, lex, literalAt, shapeView } from '../../../src/syntax/lexer';
import { matchClose } from '../../../src/remediation/syntax/brackets';

/** The literal that contains `needle`, as [its source text, interpolated?]. */
function literal(text: string, lang: string, needle: string): [string, boolean] {
  const lx = lex(text, lang);
  const s = literalAt(lx, text.indexOf(needle));
  assert.ok(s, `no literal around ${needle} in ${lang}`);
  return [text.slice(s.start, s.end), s.interpolated];
}

describe('syntax lexer', () => {
  it('separates strings and comments from code (JS template, regex, comments)', () => {
    const t = 'const a = `x ${b} }`; // {(\nconst r = /[)]/g; /* ( */ f("a,b")';
    const lx = lex(t, 'javascript');
    assert.equal(lx.mask[t.indexOf('`')], STRING);
    assert.equal(lx.mask[t.indexOf('// {')], COMMENT);
    assert.equal(lx.mask[t.indexOf('[)]')], STRING);
    assert.equal(lx.mask[t.indexOf('/* (')], COMMENT);
    assert.equal(lx.mask[t.indexOf('f(')], CODE);
    const lit = literalAt(lx, t.indexOf('a,b'));
    assert.equal(t.slice(lit!.start, lit!.end), '"a,b"');
  });

  it('handles Python prefixes and triple quotes, Go raw strings, C# verbatim, Rust raw strings, chars and lifetimes', () => {
    const py = lex('x = rb"a(" + """b)\n""" # (', 'python');
    assert.deepEqual(py.strings.map((s) => s.quote), ['"', '"""']);
    const go = lex('s := `a"(`', 'go');
    assert.equal(go.strings[0].quote, '`');
    const cs = lex('var p = @"C:\\x""(";', 'csharp');
    assert.equal(cs.strings.length, 1);
    assert.equal(cs.strings[0].end, 'var p = @"C:\\x""("'.length);
    const rs = lex('fn f<\'a>(x: &\'a str) { let s = r#"(")"#; let c = \'(\'; }', 'rust');
    assert.deepEqual(rs.strings.map((s) => s.quote), ['r#"', "'"], 'a raw string and a char literal; lifetimes are code');
    const open = rs.text.indexOf('{');
    assert.equal(matchClose(rs, open), rs.text.length - 1);
  });

  it('JS/TS: only template literals interpolate; `$` in quotes is just a character', () => {
    const t = "const a = 'Wm8$kP3q!Zr6tYx2'; const b = \"x$y${z}\"; const c = `id-${n}`; const d = `plain $x`;";
    for (const lang of ['javascript', 'typescript']) {
      assert.deepEqual(literal(t, lang, 'Wm8'), ["'Wm8$kP3q!Zr6tYx2'", false]);
      assert.equal(literal(t, lang, 'x$y')[1], false);
      assert.equal(literal(t, lang, 'id-')[1], true);
      assert.equal(literal(t, lang, 'plain')[1], false);
    }
  });

  it('JS: a template with nested strings and templates inside ${} is one literal', () => {
    const t = 'const u = `a${f("}`")}b${`c${d}`}e`; x(1)';
    const [src, interp] = literal(t, 'javascript', 'a$');
    assert.equal(src, '`a${f("}`")}b${`c${d}`}e`');
    assert.ok(interp);
  });

  it('Ruby: #{} only in double quotes, backticks and %Q; never in single quotes', () => {
    const t = "a = 'x#{y}'\nb = \"p#{q}r\"\nc = `ls #{dir}`\nd = %Q(s#{t})\ne = %q(u#{v})\nf = \"no interpolation\"";
    assert.equal(literal(t, 'ruby', 'x#')[1], false);
    assert.deepEqual(literal(t, 'ruby', 'p#'), ['"p#{q}r"', true]);
    assert.equal(literal(t, 'ruby', 'ls')[1], true);
    assert.deepEqual(literal(t, 'ruby', 's#'), ['%Q(s#{t})', true]);
    assert.equal(literal(t, 'ruby', 'u#')[1], false);
    assert.equal(literal(t, 'ruby', 'no interp')[1], false);
    assert.equal(lex('=begin\n"x\n=end\ny = 1', 'ruby').mask[2], COMMENT);
  });

  it('PHP: $x and {$x} in double quotes and heredoc; single quotes and nowdoc are literal', () => {
    const t = "<?php\n$a = 'p$w';\n$b = \"x{$y}\";\n$c = \"u$v\";\n$d = <<<EOT\nhi $name\nEOT;\n$e = <<<'EOT'\nraw $name\nEOT;\n#[Attr]\n$f = 1; # comment";
    assert.equal(literal(t, 'php', 'p$w')[1], false);
    assert.equal(literal(t, 'php', 'x{')[1], true);
    assert.equal(literal(t, 'php', 'u$v')[1], true);
    assert.equal(literal(t, 'php', 'hi $')[1], true);
    assert.equal(literal(t, 'php', 'raw $')[1], false);
    const lx = lex(t, 'php');
    assert.equal(lx.mask[t.indexOf('#[Attr]')], CODE);
    assert.equal(lx.mask[t.indexOf('# comment')], COMMENT);
  });

  it('Kotlin: $x and ${} in both string kinds', () => {
    const t = 'val a = "p$name"\nval b = """q${x}"""\nval c = "plain"\nval d = \'$\'';
    assert.equal(literal(t, 'kotlin', 'p$')[1], true);
    assert.equal(literal(t, 'kotlin', 'q$')[1], true);
    assert.equal(literal(t, 'kotlin', 'plain')[1], false);
  });

  it('Python: only f-strings interpolate ({{ is a literal brace)', () => {
    const t = 'a = "x{y}"\nb = f"p{q}"\nc = f"lit {{brace}}"\nd = rf\'r{s}\'';
    assert.equal(literal(t, 'python', 'x{')[1], false);
    assert.equal(literal(t, 'python', 'p{')[1], true);
    assert.equal(literal(t, 'python', 'lit')[1], false);
    assert.equal(literal(t, 'python', 'r{')[1], true);
  });

  it('C#: $"…" and $@"…" interpolate; plain and verbatim strings do not', () => {
    const t = 'var a = $"x{y}"; var b = $@"p{q}"; var c = "u{v}"; var d = @"w{z}"; var e = $"lit {{b}}";';
    assert.equal(literal(t, 'csharp', 'x{')[1], true);
    assert.equal(literal(t, 'csharp', 'p{')[1], true);
    assert.equal(literal(t, 'csharp', 'u{')[1], false);
    assert.equal(literal(t, 'csharp', 'w{')[1], false);
    assert.equal(literal(t, 'csharp', 'lit')[1], false);
  });

  it('shell and env files: $x in double quotes only', () => {
    const t = "A='p$w'\nB=\"x${y}\"\nC=\"u$v\" # note\nD=a#b";
    for (const lang of ['shell', 'dotenv']) {
      assert.equal(literal(t, lang, 'p$')[1], false);
      assert.equal(literal(t, lang, 'x$')[1], true);
      assert.equal(literal(t, lang, 'u$')[1], true);
    }
    assert.equal(lex(t, 'shell').mask[t.indexOf('#b')], CODE, 'a # inside a word is not a comment in shell');
  });

  it('Go and Java: no interpolation; Groovy GStrings and Terraform ${} do', () => {
    assert.equal(literal('s := "a${b}"', 'go', 'a$')[1], false);
    assert.equal(literal('s := `a${b}`', 'go', 'a$')[1], false);
    assert.equal(literal('String s = "a${b}";', 'java', 'a$')[1], false);
    assert.equal(literal("def s = \"a${b}\"; def t = 'c${d}'", 'groovy', 'a$')[1], true);
    assert.equal(literal("def s = \"a${b}\"; def t = 'c${d}'", 'groovy', 'c$')[1], false);
    assert.equal(literal('x = "a${var.b}"', 'terraform', 'a$')[1], true);
    assert.equal(literal('x = <<EOT\nhello ${var.n}\nEOT\n', 'terraform', 'hello')[1], true);
  });

  it('derives the comment-free view and the no-literal view with unchanged offsets', () => {
    const t = 'f("se,cret", `t${x}`) // c(\n';
    const lx = lex(t, 'javascript');
    const code = codeView(lx);
    const shape = shapeView(lx);
    assert.equal(code.length, t.length);
    assert.equal(shape.length, t.length);
    assert.equal(code, 'f("se,cret", `t${x}`)      \n');
    assert.equal(shape, 'f("_______", `$$$$$`)      \n');
  });
});
