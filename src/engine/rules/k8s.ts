import { shannonEntropy } from '../entropy';
import { isEncryptedForm, isPlaceholder } from '../placeholders';
import type { MatchContext, RuleSpec } from '../types';

/**
 * Values under `data:` / `stringData:` of a `kind: Secret` document. Found by walking up the YAML
 * indentation from the value, so the rule needs no YAML parser on the hot path.
 */
function inSecretDataBlock(ctx: MatchContext): 'data' | 'stringData' | undefined {
  const { text, matchOffset } = ctx;
  const docStart = Math.max(text.lastIndexOf('\n---', matchOffset), 0);
  const nextDoc = text.indexOf('\n---', matchOffset);
  const doc = text.slice(docStart, nextDoc === -1 ? text.length : nextDoc);
  if (!/^[ \t]*kind:[ \t]*["']?Secret["']?[ \t]*\r?$/m.test(doc)) return undefined;
  const lineStart = text.lastIndexOf('\n', matchOffset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, matchOffset + 1))![0].length;
  // Walk up to the first line indented less than the value's line: that is its parent key.
  let end = lineStart - 1;
  while (end > docStart) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const ind = /^[ \t]*/.exec(line)![0].length;
    if (ind < indent) {
      const m = /^\s*(data|stringData):\s*$/.exec(line);
      return m ? (m[1] as 'data' | 'stringData') : undefined;
    }
  }
  return undefined;
}

function decodesToSecret(value: string, block: 'data' | 'stringData'): boolean {
  let plain = value;
  if (block === 'data') {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
    plain = Buffer.from(value, 'base64').toString('utf8');
  }
  if (plain.trim().length < 4 || isPlaceholder(plain.trim())) return false;
  // Certificates and public keys are routinely stored in Secrets (tls.crt, ca.crt) and are not secret.
  if (/^-----BEGIN (?:CERTIFICATE|PUBLIC KEY|[A-Z ]*PUBLIC KEY)/.test(plain.trim())) return false;
  return shannonEntropy(plain) >= 2.3;
}

export const RULES: RuleSpec[] = [
  {
    id: 'k8s-secret-data',
    kind: 'k8s-secret-data',
    severity: 'warning',
    title: 'Kubernetes Secret value',
    description:
      'A value in the `data:`/`stringData:` of a committed `kind: Secret` manifest (base64 is encoding, not encryption). Use External Secrets / the Secrets Store CSI driver with AWS Secrets Manager, or SealedSecrets.',
    keywords: ['secret'],
    // Starts with a literal so the engine can skip ahead; the line start is checked per document in validate.
    fileContext: /kind:[ \t]*["']?Secret["']?[ \t]*\r?$/m,
    spanLines: 200,
    pattern: /^[ \t]{1,12}["']?(?<name>[\w.\-]{1,100})["']?:[ \t]{1,4}(?<q>["']?)(?<secret>[A-Za-z0-9+/=._\-!@#%^&*~]{4,4000})\k<q>[ \t]*$/m,
    validate: (secret, ctx) => {
      const block = inSecretDataBlock(ctx);
      return !!block && !isEncryptedForm(secret, ctx.text) && decodesToSecret(secret, block);
    },
    examples: {
      positive: [
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: UzNjcjN0LVBhc3N3MHJkIQ==\n',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\nstringData:\n  token: "Qm7vL2xZ9pRt4Wk8"\n',
      ],
      negative: [
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  password: UzNjcjN0LVBhc3N3MHJkIQ==\n',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: Y2hhbmdlbWU=\n',
      ],
    },
  },
];
