import * as assert from 'node:assert/strict';
import { environmentFromText, prefixOf, refineSecretId, serviceFromManifest } from '../../../src/remediation/secret-id-hints';

describe('secret id hints (issue 16 point 8)', () => {
  it('reads the environment a file names', () => {
    assert.equal(environmentFromText('APP_ENV=staging\nDB_PASSWORD=x\n'), 'staging');
    assert.equal(environmentFromText("const cfg = { nodeEnv: 'production' }"), 'prod');
    assert.equal(environmentFromText('ASPNETCORE_ENVIRONMENT: Development'), 'dev');
    assert.equal(environmentFromText('environment = "uat"'), 'qa');
    assert.equal(environmentFromText('no environment here'), undefined);
    assert.equal(environmentFromText('APP_ENV=staging\nNODE_ENV=production'), undefined, 'ambiguous: no guess');
    assert.equal(environmentFromText('ENV = os.getenv("X")'), undefined, 'a call is not a value');
  });

  it('reads the service name from manifests', () => {
    assert.equal(serviceFromManifest('package.json', '{"name":"@acme/billing-api"}'), 'billing-api');
    assert.equal(serviceFromManifest('pyproject.toml', '[build-system]\nrequires=[]\n[project]\nname = "order_service"\n'), 'order-service');
    assert.equal(serviceFromManifest('pyproject.toml', '[tool.poetry]\nname = "Payments"\n'), 'payments');
    assert.equal(serviceFromManifest('go.mod', 'module github.com/acme/inventory/v2\n\ngo 1.22\n'), 'inventory');
    assert.equal(serviceFromManifest('Cargo.toml', '[package]\nname = "edge-proxy"\n'), 'edge-proxy');
    assert.equal(serviceFromManifest('package.json', '{not json'), undefined);
    assert.equal(serviceFromManifest('package.json', '{"version":"1.0.0"}'), undefined);
  });

  it('refines the path-derived proposal', () => {
    assert.equal(refineSecretId('myfolder/prod/db-password', { env: 'staging' }), 'myfolder/staging/db-password');
    assert.equal(refineSecretId('myfolder/prod/db-password', { env: 'staging', service: 'billing-api' }), 'billing-api/staging/db-password');
    assert.equal(refineSecretId('myfolder/prod/db', { service: 'billing-api' }), 'billing-api/prod/db');
    assert.equal(refineSecretId('myfolder/prod/db-password', {}), 'myfolder/prod/db-password');
  });

  it('the remembered prefix wins, with the file environment swapped in', () => {
    assert.equal(refineSecretId('x/prod/api-token', { rememberedPrefix: 'acme/payments/prod' }), 'acme/payments/prod/api-token');
    assert.equal(refineSecretId('x/prod/api-token', { rememberedPrefix: 'acme/payments/prod', env: 'staging' }), 'acme/payments/staging/api-token');
    assert.equal(prefixOf('acme/payments/prod/api-token#password'), 'acme/payments/prod');
    assert.equal(prefixOf('flat-name'), undefined);
  });
});
