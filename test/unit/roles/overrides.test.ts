/** The override table against the Service Authorization Reference data, and the guard against wrong names. */
import assert from 'node:assert/strict';
import { ACTION_OVERRIDES } from '../../../src/roles/action-overrides';
import { resolveCall, UNVERIFIED_CATALOGUE } from '../../../src/roles/catalogue';
import { loadIamDataCatalogue } from '../../../src/roles/node/iam-data-catalogue';

const catalogue = loadIamDataCatalogue()!;
const resolve = (service: string, operation: string, c = catalogue) => resolveCall({ service, operation, file: 'f', line: 1 }, c).actions.map((a) => a.action);

describe('roles: action overrides', () => {
  it('every override names real actions, spelled as the reference spells them', () => {
    for (const o of ACTION_OVERRIDES) {
      for (const a of o.actions) {
        const [svc, name] = a.split(':');
        assert.equal(catalogue.action(svc, name)?.name, name, `${o.service}:${o.operation} → ${a}`);
      }
    }
  });

  it('one entry per operation', () => {
    const keys = ACTION_OVERRIDES.map((o) => `${o.service}:${o.operation.toLowerCase()}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('operations named like no action are mapped or left out, never emitted by name', () => {
    const cases: [string, string, string[]][] = [
      ['s3', 'ListObjectsV2', ['s3:ListBucket']],
      ['s3', 'HeadObject', ['s3:GetObject']],
      ['s3', 'HeadBucket', ['s3:ListBucket']],
      ['s3', 'CompleteMultipartUpload', ['s3:PutObject']],
      ['s3', 'ListBuckets', ['s3:ListAllMyBuckets']],
      ['sqs', 'DeleteMessageBatch', ['sqs:DeleteMessage']],
      ['lambda', 'Invoke', ['lambda:InvokeFunction']],
      ['dynamodb', 'TransactGetItems', ['dynamodb:GetItem']],
      ['s3', 'PutBucketCors', ['s3:PutBucketCORS']],
      ['s3', 'GetObjectAsBytesNope', []],
      ['dynamodb', 'ExecuteStatement', []],
    ];
    for (const [svc, op, want] of cases) assert.deepEqual(resolve(svc, op), want, `${svc}:${op}`);
  });

  it('canonical spelling comes from the catalogue (case-insensitive lookup)', () => {
    assert.deepEqual(resolve('dynamodb', 'Putitem'), ['dynamodb:PutItem']);
  });

  it('TransactWrite narrows to the item kinds the call writes', () => {
    const r = resolveCall({ service: 'dynamodb', operation: 'TransactWriteItems', file: 'f', line: 1, detail: ['Put', 'ConditionCheck'] }, catalogue);
    assert.deepEqual(r.actions.map((a) => a.action), ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem']);
  });

  it('without the catalogue the override table still applies and nothing is claimed verified', () => {
    assert.equal(UNVERIFIED_CATALOGUE.verified, false);
    assert.deepEqual(resolve('s3', 'ListObjectsV2', UNVERIFIED_CATALOGUE), ['s3:ListBucket']);
  });
});
