import assert from 'node:assert/strict';
import { scan } from '../../../src/engine';

/**
 * Shapes met in public code that holds no credential (SDK typings, API example JSON, type stubs, standard
 * libraries, highlighters, test-runner output), written here in the same shapes, plus the credentials that must
 * still be found around them. The noise corpus (`npm run noise`, docs/noise.md) is where these shapes came from.
 * Every secret-shaped value below is a fake made up for this file.
 */
const NOISE: [path: string, text: string, why: string][] = [
  ['docs/README.md', 'Disable the cache and pass `--no-cache` to the `docker build` command.', 'prose: pass then inline code'],
  ['lib/index.d.ts', ' * Executes the handler on a passed `observer` given the `kind` of notification.', 'prose: passed'],
  ['lib/util.py', 'warnings.warn("Passing \'_type\' as keyword argument is deprecated")', 'prose: Passing'],
  ['api/service.d.ts', ' * Currently supports changing the admin password or a specific cluster, via password generation.', 'prose with password'],
  ['api/model.d.ts', ' * Errors that you want to return during authentication, account confirmation, and password recovery.', 'netrc rule on a sentence'],
  ['testdata/run.test', '--- PASS: TestParseHeaders (0.00s)', 'go test output'],
  ['testdata/run.json', '{"Action":"output","Test":"TestA/b","Output":"    --- PASS: TestA/b (0.04s)\\n"}', 'go test2json output'],
  ['stubs/subprocess.pyi', '    pass_fds: Collection[int] = (),', 'type annotation, pass_ prefix'],
  ['stubs/urlutils.pyi', '    password: Incomplete', 'type annotation in a stub'],
  ['stubs/winerror.pyi', 'EAS_E_USER_CANNOT_CHANGE_PASSWORD: Final = -2141945334', 'error-code constant'],
  ['stubs/socket.pyi', 'SO_PASSCRED: Final[int]', 'socket option constant'],
  ['lexers/builtins.py', "COCOA_INTERFACES = {'ABPeoplePicker', 'ACAccountCredential', 'ACAccountCredentialRenewResult', 'ADBannerView'}", 'keyword list'],
  ['lexers/arduino.py', "    'motorsWrite', 'drawCompass', 'digitalRead', 'compassRead', 'analogRead',", 'keyword inside a longer word'],
  ['lib/six.py', 'MovedAttribute("HTTPPasswordMgr", "urllib2", "urllib.request"),', 'three-item call, keyword inside a class name'],
  ['lib/setup.py', "defaults = dict.fromkeys(['username', 'password', 'repository'], '')", 'list of field names'],
  ['lib/cs/diagnosticMessages.json', '  "Unexpected_token_1012": "Neočekávaný token.",', 'translated message'],
  ['apis/waf.examples.json', '        "ChangeToken": "abcd12f2-46da-4fdb-b8d5-fbd4c466928f",', 'idempotency id'],
  ['apis/fsx.examples.json', '        "ClientRequestToken": "a8ca07e4-61ec-4399-99f4-19853801bcd5",', 'idempotency id'],
  ['apis/s3.examples.json', '        "NextContinuationToken": "1w41l63U0xa8q7smH50vCxyTQqdxo69O3EmK28Bi5PcROI4wI/EyIJg==",', 'pagination'],
  ['apis/securityhub.examples.json', '        "NextToken": "U2FsdGVkX1+eXAMPLEKu5k3qkHjBt7cfqOIeqJvD8RnR"', 'pagination'],
  ['apis/iam.examples.json', '        "PasswordLastUsed": "2016-05-03T18:12:41Z",', 'timestamp under a password-named field'],
  ['dist-types/constants.d.ts', 'export declare const SESSION_TOKEN_QUERY_PARAM = "X-Amz-S3session-Token";', 'header name'],
  ['apis/kms.examples.json', '        "PrivateKeyCiphertextBlob": "The encrypted private key of the data key pair."', 'prose value'],
  ['src/cfn-types.json', '  "AWS::Route53::KeySigningKey": "aws-cdk-lib/aws-route53.CfnKeySigningKey",', 'module path'],
  ['backends/rsa.py', '        key: typing.Union["_RSAPrivateKey", "_RSAPublicKey"],', 'type names'],
  ['backends/dsa.py', '    backend: "Backend", private_key: "_DSAPrivateKey", data: bytes', 'forward reference annotation'],
  ['TAP/Parser.pm', '    my $passed = $parser->passed;', 'Perl: passed'],
  ['Test2/Hub.pm', '    my $pass = $self->{_pass};', 'Perl variable reference'],
  ['test/basic.js', "  t.pass('object passed')", 'tape assertion'],
  ['lib/request.py', "        self.data['confirm'] = getpass.getpass(' Confirm: ')", 'prompt'],
  ['src/client.js', "if (typeof this.password === 'function') {", 'typeof check'],
  ['lib/packets.js', "packet.writeNullTerminatedString('mysql_native_password', 'latin1');", 'call with two strings'],
  ['lib/s3_signer.rb', '  canonical_params["X-Amz-Credential"] = "#{credential_info}"', 'Ruby interpolation'],
  ['stubs/rfc7230.pyi', 'TOKEN: Final = r"[!#$%&\'*+\\-.^_`|~0-9A-Za-z]+"', 'character class'],
  ['test/url.test.js', "  'http://atpass:foo%21bar@127.0.0.1:8080/path?search=foo#bar': {", 'URL-parser test input'],
  ['net/url/url_test.go', '	"http://jane:p%40ssword@google.com",', 'URL-parser test input'],
  ['CHANGELOG.md', '- Percent-encoded credentials in a URL (e.g. `https://user:p%40ss@host`) are decoded.', 'URL in prose with placeholder host'],
  ['lib/secret-value.d.ts', " *   username: SecretValue.unsafePlainText('myUsername'),", 'user name wrapped like a secret'],
  ['include/stop_token', '    stop_token::_Stop_state_ref _M_state;', 'C++ without extension'],
  ['platform/identity.py', "    access_token = 'InvalidToken:%s:%s' % (token, now)", 'format string'],
  ['docs/Netrc.pm', '    default login anonymous password user@site', 'anonymous FTP netrc entry'],
  ['include/tls1.h', '#define TLS_MD_CLIENT_WRITE_KEY_CONST "\\x63\\x6c\\x69\\x65\\x6e\\x74"', 'a constant about a key'],
  ['gslib/config.py', '_CERT_PROVIDER_COMMAND_PASSPHRASE_OPTION = "--with_passphrase"', 'an option about a passphrase'],
];

/** Credentials in the same neighbourhoods: the filters above must not hide them. */
const FOUND: [path: string, text: string, ruleId: string][] = [
  ['config/app.yml', 'db_password: Kq8#vL2xZp9', 'generic-password-assignment'],
  ['src/db.py', 'DB_PASSWORD = "Kq8#vL2xZp9"', 'generic-password-assignment'],
  ['src/settings.py', "os.environ.setdefault('SECRET_KEY', 'Zq8Lm3Vx7Rt2Np9Wk4Bc6Df')", 'generic-api-key-assignment'],
  ['wp-config.php', "define( 'NONCE_KEY', 'YvAj!x9#Lq2$mZ7^pW4&Kc' );", 'generic-api-key-assignment'],
  ['src/App.swift', '    static let segmentWriteKey = "Zq8Lm3Vx7RtNpWkBcDfGhJ2k"', 'generic-api-key-assignment'],
  ['nginx/site.conf', '    proxy_set_header X-Api-Key "Zq8Lm3Vx7Rt2Np9Wk4Bc6Df";', 'generic-api-key-assignment'],
  ['firmware/config.h', '#define WIFI_PASSWORD      "6QbA#x9LmZ2v"', 'generic-password-assignment'],
  ['src/main.go', 'var webhookSecret = []byte("Zq8Lm3Vx7Rt2Np9Wk4Bc6Df")', 'generic-api-key-assignment'],
  ['notes.txt', "api_key - 'Zq8Lm3Vx7Rt2Np9Wk4Bc6Df'", 'generic-api-key-assignment'],
  ['logs/app.log', '2024-05-01 12:00:01 INFO Using Key=Zq8Lm3Vx7Rt2Np9Wk4Bc6Df for upload', 'generic-log-key'],
  ['infra/variables.tf', 'variable "db_password" {\n  type    = string\n  default = "Vq7Lm2xZp9Kd"\n}', 'generic-password-terraform-variable'],
  ['db/seed.sql', "INSERT INTO oauth_clients (client_id, client_secret, name)\nVALUES ('web', 'Zq8Lm3Vx7Rt2Np9Wk4Bc6Df', 'Web');", 'generic-api-key-sql-insert-column'],
  ['jenkins/credentials.xml', '<org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>\n  <id>slack</id>\n  <secret>Zq8Lm3Vx7Rt2Np9Wk4Bc6Df</secret>\n</org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>', 'jenkins-credential-plaintext'], // the provider rule (more specific) wins the overlap
  ['home/.netrc', 'machine api.acme.io\n  login ci@acme.io\n  password 6ee4Lm9qXz2V', 'netrc-password'],
  ['scripts/smoke-test.sh', 'curl -fsS "https://prom:Nq7Lm2xZp9Kd@metrics.staging.example.com/api"', 'basic-auth-url'],
  ['src/auth.js', "if (password === 'Vq7#Lm2xZp9') { grantAdmin(); }", 'generic-password-assignment'],
  ['.env', 'TOKEN_GITHUB=Zq8Lm3Vx7Rt2Np9Wk4Bc6Df', 'generic-api-key-assignment'],
  ['config/mail.yml', 'PASSWORD_SMTP_PROD: "Vq7#Lm2xZp9"', 'generic-password-assignment'],
  ['.env', 'API_KEYS=Zq8Lm3Vx7Rt2Np9Wk4Bc6Df', 'generic-api-key-assignment'],
];

/** Encrypted forms: safe to commit, never reported. */
const ENCRYPTED: [path: string, text: string][] = [
  ['group_vars/all.yml', 'db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6231336539666234306139346433616338376437376461363365363430623138\n'],
  ['secrets.enc.yaml', 'db_password: ENC[AES256_GCM,data:Zq8Lm3Vx7Rt2Np9W,iv:k4Bc6Df0,tag:Lm3Vx7Rt,type:str]\n'],
  ['config.yml', 'api_token: AQICAHhLz8mT2vB3cQ9rX1yZ4wK7pN6uJ5sD0fG8hE2aR9tY6uIoAGTq7Lm2xZp9Kd3Vb4Nc8Rt3Wk==\n'],
  ['sealed.yaml', 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq5Zq8Lm3Vx7Rt2Np9Wk4Bc6Df\n'],
];

describe('real-code shapes', () => {
  describe('noise stays quiet', () => {
    for (const [path, text, why] of NOISE) {
      it(`${why}: ${path}`, () => {
        const found = scan(text, { path }).map((f) => `${f.ruleId} ${f.secretMasked}`);
        assert.deepEqual(found, []);
      });
    }
  });
  describe('credentials next to them are still found', () => {
    for (const [path, text, ruleId] of FOUND) {
      it(`${ruleId}: ${path}`, () => {
        const ids = scan(text, { path }).map((f) => f.ruleId);
        assert.ok(ids.includes(ruleId), `expected ${ruleId}, got [${ids.join(', ')}]`);
      });
    }
  });
  describe('encrypted forms are not secrets', () => {
    for (const [path, text] of ENCRYPTED) {
      it(path, () => assert.deepEqual(scan(text, { path }).map((f) => f.ruleId), []));
    }
    it('a SealedSecret-shaped value outside a SealedSecret is still judged', () => {
      const text = 'password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq5Zq8Lm3Vx7Rt2Np9Wk4Bc6Df\n';
      assert.ok(scan(text, { path: 'app.yml' }).length > 0);
    });
  });
});
