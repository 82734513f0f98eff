/** statementSpan: the unit a key-pair fix treats as one (a call, an object, a block), never a whole function body. */
import * as assert from 'node:assert/strict';
import { lex } from '../../../src/syntax/lexer';
import { statementSpan } from '../../../src/remediation/syntax/statement';

function span(text: string, lang: string, at: string): string {
  const [a, b] = statementSpan(lex(text, lang), text.indexOf(at));
  return text.slice(a, b).trim();
}

describe('remediation statementSpan', () => {
  it('spans a multi-line call or object up to its statement, not the enclosing function', () => {
    const js = "async function f() {\n  const other = 1;\n  const s3 = new S3Client({\n    credentials: {\n      accessKeyId: 'A',\n      secretAccessKey: 'B',\n    },\n  });\n  return s3;\n}\n";
    assert.equal(span(js, 'javascript', "'A'"), "const s3 = new S3Client({\n    credentials: {\n      accessKeyId: 'A',\n      secretAccessKey: 'B',\n    },\n  });");
  });
  it('stops at `;` between two statements on one line', () => {
    const js = "process.env.A = 'x'; process.env.B = 'y';\n";
    assert.equal(span(js, 'javascript', "'y'"), "process.env.B = 'y';");
  });
  it('takes a Terraform block and a Python call with keyword arguments whole', () => {
    const tf = 'provider "aws" {\n  region     = "us-east-1"\n  access_key = "A"\n  secret_key = "B"\n}\n\nresource "x" "y" {}\n';
    assert.equal(span(tf, 'terraform', '"A"'), 'provider "aws" {\n  region     = "us-east-1"\n  access_key = "A"\n  secret_key = "B"\n}');
    const py = "import boto3\ns = boto3.Session(\n    aws_access_key_id='A',\n    aws_secret_access_key='B',\n)\nprint(s)\n";
    assert.equal(span(py, 'python', "'B'"), "s = boto3.Session(\n    aws_access_key_id='A',\n    aws_secret_access_key='B',\n)");
  });
  it('ends a Python statement at the line end', () => {
    const py = "KEY = 'A'\nSECRET = 'B'\n";
    assert.equal(span(py, 'python', "'A'"), "KEY = 'A'");
  });
});
