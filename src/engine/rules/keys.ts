/**
 * Private key material and signed tokens: PEM / OpenSSH / PGP / PuTTY private keys, hex wallet keys, JWTs.
 * Public keys and certificates are never reported; placeholder bodies (`...`, `<key>`, `xxx`, short stubs) are
 * rejected by requiring a real base64 body. All example keys below are random bytes, not real keys.
 */
import { shannonEntropy } from '../entropy';
import { decodeJsonSegment, isStructuredJwt } from '../jwt';

export { isStructuredJwt };
import type { RuleSpec } from '../types';

/** Base64 body of a PEM-style block with armour lines, headers and `\n` escapes removed. */
function pemBody(block: string): string {
  return block
    .replace(/-----(?:BEGIN|END) [A-Z0-9 ]{1,40}-----/g, '')
    .replace(/(?:^|\\n|\n)[A-Za-z][A-Za-z-]{0,30}: [^\r\n\\]{0,200}/g, '')
    .replace(/\\[rn]|\s/g, '');
}

const realKeyBody = (block: string): boolean => {
  const body = pemBody(block);
  return body.length >= 48 && shannonEntropy(body) >= 4.5;
};


function describeJwt(token: string): string | undefined {
  const header = decodeJsonSegment(token.split('.')[0]) as { alg?: string } | undefined;
  const payload = decodeJsonSegment(token.split('.')[1]) as { exp?: unknown } | undefined;
  const facts = [header?.alg ? `alg ${header.alg}` : undefined];
  if (typeof payload?.exp === 'number') facts.push(`expires ${new Date(payload.exp * 1000).toISOString().slice(0, 10)}`);
  const out = facts.filter(Boolean).join(', ');
  return out || undefined;
}

export const RULES: RuleSpec[] = [
  {
    id: 'private-key-pem',
    kind: 'private-key',
    severity: 'error',
    title: 'Private key',
    description: 'A PEM / OpenSSH private key block (RSA, DSA, EC, PKCS#8, OpenSSH, encrypted). Remove it from the repository, rotate the key pair, and load keys from a secret store or agent.',
    keywords: ['private key-----'],
    pattern: /(?<secret>-----BEGIN (?<label>(?:RSA |DSA |EC |OPENSSH |ENCRYPTED |SSH2 ENCRYPTED )?PRIVATE KEY)-----(?:(?:\\r|\r)?(?:\\n|\n)[A-Za-z][A-Za-z-]{0,30}: [^\r\n\\]{0,200}){0,6}[A-Za-z0-9+/=\s\\"',]{48,16000}-----END \k<label>-----)/,
    spanLines: 120,
    validate: realKeyBody,
    describe: (s) => (/ENCRYPTED/.test(s) ? 'passphrase-encrypted' : undefined),
    examples: {
      positive: [
        '-----BEGIN RSA PRIVATE KEY-----\n0zl/TRy1MXg9X2YbZ7VdmgSO0cp+ROVizfMOSr81rSIkmNLTL4bdpslLM1LXQUbR\nR2jgEsDwyOkO2hMeyvL83lG2Cl1PmUng2dJIQZVc4SYKtSquPWyBAq1PQdAN9vN3\n11iG2o3sluXmkabSvnSqJGG6O8l7G3qf8Go7hK+ITcgCu247FTAxvUXLCNFFBHar\ngFT/VmJe1t+jUNF3sX/lvJJOcEWUleyFbaMj72u+DU+7zx8GEOFoUxK3O63c+KzT\nIJFxaSrjfAbdoJ7Hor0XaM3o9bz1bTpxvRO0N2/nSTK0GdDT1mKK3ewbvlF3bBx9\nKGXMzPusEiVYsIthQ0BiAQajdZHNergYPSITQx6vMVryAZ/SwASRwVShSEc8q1Zj\nhtJWC26OXy0kC0TK9Z+k+j9gKIQCLuaZBjY/2cWdi/ksI2HFwBlrsPLjqNgTx6At\ntBGYuLyRv1P5+Mh5yVYz4a2Nxz5cpfp2j+k8fwDxvhnoPHKKPB+9zqopxBZEJROY\n3EQ66TarxlYgXbxw3Y6DuWB1jtIj7rTYjKt3682kvuTujFoTuaLxcDM1O0ZKUpu2\nj3x0RJkXwlLZBXuPJsaH89hXKo2i3kQ86rOge4W2Ww2EuSOGfJpzgVuOykWOd3Xg\n8XEpr4jcgghgSOE+fd8+ik2M8Zzt2J74XpVj43YT2C8TbZ7svlW/+RWc/2BTVaDc\n/903QVY6Vh/adUeb0PU20DwiJC80Y2iMx4+FP4vRRCCktaCpkH9GWmlzFSn98D9e\nmC6YkUYmMladYpy0UZ5uAYTsuASABE5RRhGeYa7MR+KAUZqMm4+bWbbELR+byNcM\newUUjRiUFeD+vaE3uvdC6Kg8O9gY/CyX3eXnzOLjyHjVgtUVL4S3NFcQ0e+EEePm\nRLl6XmSdr0FWW4IaRtiBRsXW+kRzQ6jgGU/g8iSzbz5uSLpRwmroTtfZevWTUBrJ\nZ2RjHgymfLjvd7YJy53OnLy70SujC9QGhntXdCDc3IFniCOFLVvaV20u3vmAGfJr\no8lu4HkBtyS3LLZ55OoywtCX3SwnENk16aI+3vWUo4Ywb5kVwNv7RwK5mj+Z7Ef3\nkslI5hZbBq5h+PqbVrzA3nMOgywcmvch/JdmoZ0XSFcUlhDUpylCFnoGjuhZFoDW\nBWKEXXWbBOipDIuwxOBXz6INdMMAfwRIUfVRKCu8cvw7IpKIqHkVwawdZMIGOpwD\n9gP6gehcVb9M/duBjJNMIzLnfnX+9WJiWMSU9o3iDnlvL4n0SB2PeUpBTjwuZZ4F\n-----END RSA PRIVATE KEY-----\n',
        'const key = `-----BEGIN OPENSSH PRIVATE KEY-----\nW1EjJkfMeM8Lc0nSY5tpAmXN6zhtYTUImsILT/dgWB6F9CPuQRI6wxbr3iQq3s2I\nasSKjnrUzNgqeoc5BawKaiRmmJqGK9WCd/D9TZC2vYWizixtQ4QXaJRhsS/ljvCp\nplRSS+GdS38u3ZZNkajddESeRglf2xtgDZ5O9RAlPQbjDQOEqjQG2VCuZXKHnim+\nTTkSWeM0cEcYQYomPe4GbmqvOH6x5Eu592VpFFJ9lUgEiD07ii/vRn/sdLw+zA2t\noOchWRN2gJz7O5cOEu96PJes7HqRj//L7eLWNolRtohrGrXRDCvIDINxqWxyPWqC\nTM5P0l7xAIo5HmGhzuZuQZjWbn/uuGWO60xhixpauvARLhMQgriOaDDaxNX+F5ab\n-----END OPENSSH PRIVATE KEY-----`;',
        '"key": "-----BEGIN PRIVATE KEY-----\\nNDSC2Slib0MNhl3+v+1mBqj0D87e/KbgY8xe/aGfM28wce/9RyKc5SHVp3fMW6PG\\nbruGg2JKtpHssp6vVxbMMHG5LLWsxEu3FZDo39BVjzZQmy5T6+qfND54ggROGq1M\\niJZniJ7RuKsNJERdRpLq6SQ8atPojDuDq7VQWDBjspyoU1HKscvVeYgjFKAZmRF4\\nz6EkKeyIWgJe++s17JE0u/wfAGYnZ/h5CNjjXffo45Xnf0QSKLTlkYDoNGL89DaA\\nNTk1HxhOBAOk48+tgmFJToPGIMxO6926QdCW5Ub+rvJHyJ+m/qACrWaWGDCJF6bP\\njS8AP6gmNQcMeWCr4h0A0kHtYf2iF9m1/CUiHhPuxATCc5ieUwviMkUx0HOJw9dZ\\nnXFAJpzTRMdbBQbyfN2dvsMFZqouRkAWi4NvK5woYzmcJ/JK4o537h/7zm7JtX/Y\\nfTHVq/eEeNTCtuhGQsx4hn7zQjor9GVIXj7hZXtRMuIJm8L2YuD6qjdV5JTA74qJ\\nnPxVrYFldsRaQT5DBx1zCvSwW8fUSw9vlouSi7zhkFu7s7HGgFk03rYwVZ/RHU3y\\nybcJzSRtx6cAgIRjfRH5PJKGKuaCtqnclMTLKMoRa/AimyfFJP1djua4D/iiIbLW\\nbdqrLIjmvNbfiWkH9osoAGcoxizDImieDz/4JfHw9OjNBrHM5HBNQ+7CpaxLo/bn\\nJzQVyvIZn7hZkaIbIUQcgwbg/BjbtNyJhjz2AgIW4sWeIsiQhy5+RrHyOHh931F2\\n-----END PRIVATE KEY-----\\\\n"',
        '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,DD95C1CF6F143843DD83E9A99F9D7D04\n\npANiZSA08s52omgsoSOA8/t4w/4HFmGmvMr7bv/MsW3CVuuMfQ7hH5PjuKwcdBnW\nTsKQ+Wc/Z16hJgz7MRVFYVX+iwzpCC6HNaWIZ4j6D5CRJWA5cowhydB5ikJt1DSB\nOT3GUPh9LHvgjai1LfvfP2GGmh5O4FDnCLn56NjGa2+HL1CpXfOcFJEun8KimWmc\n-----END RSA PRIVATE KEY-----',
        '-----BEGIN EC PRIVATE KEY-----\nola9ZTLTUnq9Fx4rsLDaAdX3lr+HIjDBCY3AmpBqMs+j+SV4pJW6mF7oy935PW5q\nBqLVixZ+r+qBXWzpLaxJ8EqvbGc87Ro6rL9jSHCbEJxAx+4+rznGN9B/A8NAZjUm\nEsvGx6uZY4NUmbKSyqv5rt+6n2FK0W7GtURaWB5KA0mVCeoLEB0CxYPmaSBVBjCb\n-----END EC PRIVATE KEY-----',
      ],
      negative: [
        '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
        '-----BEGIN PRIVATE KEY-----\nYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=\n-----END PRIVATE KEY-----',
        '-----BEGIN PRIVATE KEY-----\n<your private key>\n-----END PRIVATE KEY-----',
        '-----BEGIN PUBLIC KEY-----\n1yWx7kDWOA6qG8kqNw0s/Nhcpfof6+kSfMilsU/ys+9Euj3o94Ues8PE/Ugl8mqe\na8CLU93xRV6raQkz2vXyvJTNPR5vIZWAzp6XO/zG7PdvkMl0qtVdI8Y/nyVCYxTB\nx7yrjDKscpYceyxxwF70dWyoB71lx2ioEKy7zeOWfE4k3p+pVNPeJJttnhx6ml+T\nwSG2yfT57Gs8JJ6E7AOhhFKzDjKCpdLx45O4z7NdIAIJ28w6YhrDQFHDSEiBsh0t\nnK06Ded5spvuHvyjJscuYxz9jXI6jRUsshXQ9LgCReY1hgjHe5Sfg2c7apfBYqEh\nWOc+CBLushO6SdrPVwaI/8EF0lOpFu94SM9FigWRjsiqr7PpsvN6tgVW0uDH3W70\n-----END PUBLIC KEY-----',
        '-----BEGIN CERTIFICATE-----\ndv6+x4c3SYUS1RrbaUbrlFPubnU4rlgwNWH15+2zAIBoxoTr/zRoBD+7CsJAv/tx\nsGlgMoHxlr7EK9UKtyAlHkIUWOXcBY+rhAUFPLB2WeqbUMLGCDlDC0qE/fNzwxWW\nmlkiHqamotsliIllWdygY8JoUab7dA5qcAOS8OlqMy8LWh/DF20M9i09HDcKz17k\nY4EKJhHRL2tpf6Ba3YbYKwFwqxZBELbF6Ei2sEPTRbMfbFVZGT9O3SFqAWDSTZT1\nR7C+C8bu9zRA5MQ4pNstNTeyQLr7lqVqHTS7YEMISMHf7xe14Va3KnmhuQR0eKzQ\nZmsBZik/a3K2RwdXQP3XgESTXJ3L8viAsymM71zz/ixeGjSQSE7NTX9ZZRSG8nNX\nR4PfRchnMtG6ZLm8qwcAO1Rii3HKC2M8IlhM2kpxDmGN2sqHOOSUO45pHLhaM1jD\nrOmFFAycplGOPnBZQSUvHWAbOEK+VVPCapqJUZRc136/nF1Agw4WvYEaotGfa2JK\nCLS/FIiZMlIywV4riKzuOL3MKUVVD8SV2rgujwPcqHPjP1JOimA6SQWwLH22ImLZ\n6xmA00KpQzi6Ct178wh3LjF+fv3ATJrSr8RSXx6bBFE4gRbe4/IdLj4eJ5GPRdO+\nTvMCwIkSQLkTFKSX1nX3kIWgf1i2P8yJbccElTrJrOz8PSpxkHbyqoNsFz0c83xJ\nE5HLW4kcLuguGDdMev6Vmd1eddYKZm0O/8Dv+tg4Ak3snAH8VXW6anO7Y9PrXnZV\n-----END CERTIFICATE-----',
        '-----BEGIN PRIVATE KEY-----\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n-----END PRIVATE KEY-----',
        'if (pem.startsWith("-----BEGIN RSA PRIVATE KEY-----")) { parse(pem); } // "-----END RSA PRIVATE KEY-----"',
      ],
    },
  },
  {
    id: 'pgp-private-key-block',
    kind: 'private-key',
    severity: 'error',
    title: 'PGP private key block',
    description: 'An ASCII-armoured PGP/GPG private key block. Revoke the key and keep it in a keyring or secret store.',
    keywords: ['pgp private key block-----'],
    pattern: /(?<secret>-----BEGIN PGP PRIVATE KEY BLOCK-----(?:(?:\\r|\r)?(?:\\n|\n)[A-Za-z][A-Za-z-]{0,30}: [^\r\n\\]{0,200}){0,6}[A-Za-z0-9+/=\s\\]{64,40000}-----END PGP PRIVATE KEY BLOCK-----)/,
    spanLines: 400,
    validate: realKeyBody,
    examples: {
      positive: ['-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: ci signing key\n\nnekdnBX7+eaN03clUjrLabLEk4tHtWKzOIZQumOd5hQ3VVvzVsm5C2rnZhlpRnbp\nrF5X/ed/mMvWCKM6ljxmCwmQ1hA3ucJ8DA1xPjAmauIX2RElA5+kDa1GFc+70LUI\nzqnoNHwRCN3GYZG0U4po3edHi5PW/wmAVHNFDu4jPOEtYIMvWl8TPFNNE+LMMULw\n=0Pdo\n-----END PGP PRIVATE KEY BLOCK-----'],
      negative: ['-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nhXCm1qU2lV8U1KUP4+rpigWgij71xM7iQizRHfXSUKBzPQWrdoQEUSvp0MtFltVr\n2PT2FN601llzP2un5NI+B9AlWtCuZ1bYbbTMkZEWMfX+SlnE5NTLnbMaSOyGFiAa\n-----END PGP PUBLIC KEY BLOCK-----', '-----BEGIN PGP PRIVATE KEY BLOCK-----\n...\n-----END PGP PRIVATE KEY BLOCK-----'],
    },
  },
  {
    id: 'putty-private-key',
    kind: 'private-key',
    severity: 'error',
    title: 'PuTTY private key',
    description: 'The private section of a PuTTY .ppk key file. Rotate the key and keep the file out of the repository.',
    keywords: ['putty-user-key-file-'],
    pattern: /PuTTY-User-Key-File-[23]: [a-z0-9-]{3,40}[^]{0,2000}?Private-Lines: \d{1,3}\r?\n(?<secret>[A-Za-z0-9+/=\r\n]{64,8000})(?:\r?\n)?Private-MAC: [a-f0-9]{40,64}/,
    spanLines: 60,
    validate: (s) => shannonEntropy(s.replace(/\s/g, '')) >= 4.5,
    examples: {
      positive: ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@ci\nPublic-Lines: 2\nBzRgSkTmwl6HnwufsRVr0vPW4MeTXTkCfELBlppszyNHBSOOuUaQScesE34RNKW7\n35K8\nPrivate-Lines: 1\n3kLzgmCpNLhRGOWXGjX2Cl3t7NeJIytLTznB7D4mWU3S2YI3Rg9Rlkp4OzDeUnLt\nPrivate-MAC: 6e36b5ecfe832322d089bf5ac179588c4958fd120c794ba7236fb4c608a29885'],
      negative: ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@ci\nPublic-Lines: 2\nbfVckXqXB4ZJBtIntm9DW7B73eWTdb+DAVZAQn03RHQHE/ZtrFJlwXUrYYGGv7EI\nszQP'],
    },
  },
  {
    id: 'crypto-wallet-private-key',
    kind: 'private-key',
    severity: 'error',
    title: 'Hex private key (wallet / signer, named)',
    description: 'A 32-byte hex private key (secp256k1/ed25519) assigned to a private-key / wallet / signer variable.',
    keywords: ['private_key', 'privatekey', 'private-key', 'priv_key', 'wallet', 'signer', 'deployer', 'mnemonic'],
    pattern: /(?:private[_-]?key|priv[_-]?key|wallet[_-]?key|signer[_-]?key|deployer[_-]?key)["'\]]{0,2}\s{0,3}(?::=|=>|=|:|,)\s{0,3}["'`]?(?<secret>(?:0x)?[a-fA-F0-9]{64})(?![A-Za-z0-9_])/i,
    entropy: 3.2,
    examples: {
      positive: ['DEPLOYER_PRIVATE_KEY=0x4f6c65a655b5fa84c5973ef14ee1f352d558f4c2877ccc4c571e18ce2636d603', 'const wallet = new Wallet({ privateKey: "b6cba22cd56cba252b28c7f6e5bdc635e50c4f008435440c64a7aa24b3cf0b45" })'],
      negative: ['PRIVATE_KEY_PATH=./keys/id_ed25519', 'DEPLOYER_PRIVATE_KEY=0x0000000000000000000000000000000000000000000000000000000000000000'],
    },
  },
  {
    id: 'jwt',
    kind: 'jwt',
    severity: 'warning',
    title: 'JSON Web Token',
    description: 'A signed JSON Web Token. Long-lived JWTs (service tokens, API keys in JWT form) grant access until they expire; load them at runtime instead.',
    keywords: ['eyj'],
    pattern: /\b(?<secret>eyJ[A-Za-z0-9_-]{8,2000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{16,1000})(?![A-Za-z0-9_.-])/,
    validate: isStructuredJwt,
    describe: describeJwt,
    examples: {
      positive: ['Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MzYwNTYxOTM2IiwiaWF0IjoxNzAwNjkxODI0LCJzY29wZSI6ImFwaSJ9.53SGSuJcKU-3Jle5TUQQrNoEeYgzYawRgo3FgNbdIPZ', 'SUPABASE_SERVICE_ROLE_KEY="eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5NTExMjA4ODgxIiwiaWF0IjoxNzAwMzY2MTI1LCJzY29wZSI6ImFwaSJ9.k74p7UktL5O-le5_L8BH82jD1PvRju8O0D4yVGggAlc"'],
      negative: [
        'token = "eyJfPPqeVYhBHWYsVYyXP9DETdmGUm7h2.eyJgKWjvccp5HOEM1Atdtp0o9WfdZh7JKw2etptZUaY.bJzJvMvVVZFyaBfVQMPZKT_Wd1rdYvmNk_An0ur9zNd" // segments do not decode to JSON',
        'token = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0=.eyJzdWIiOiIxIn0=.Cjmc6yh6dAuByAoQ3dHf"'.replace(/=/g, ''),
        'const header = "eyJhbGciOiJIUzI1NiJ9"; // header only',
      ],
    },
  },
  {
    id: 'private-key-pem-base64',
    kind: 'private-key',
    severity: 'error',
    title: 'Base64-encoded private key',
    description: 'A PEM private key encoded as base64 (kubeconfig `client-key-data`, Helm values, CI variables). Base64 is not protection.',
    keywords: ['ls0tls1crudjti'],
    pattern: /(?<![A-Za-z0-9+/])(?<secret>LS0tLS1CRUdJTi[A-Za-z0-9+/]{40,12000}={0,2})(?![A-Za-z0-9+/=])/,
    validate: (secret) => {
      const head = Buffer.from(secret.slice(0, 96), 'base64').toString('latin1');
      return /^-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(head);
    },
    examples: {
      positive: [
        'client-key-data: ' + Buffer.from('-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIHq8Lm2Vx9Zr4Tb7Np3Wk6Qs1Yd5Fg8Hj2Kl4Mn7Pq9RoAoGCCqGSM49\n-----END EC PRIVATE KEY-----\n').toString('base64'),
      ],
      negative: [
        'client-certificate-data: ' + Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUXq8Lm2Vx9Zr4Tb7Np3Wk6Qs1Yd5Fg8Hj2Kl4Mn7Pq9Ro\n-----END CERTIFICATE-----\n').toString('base64'),
      ],
    },
  },
];
