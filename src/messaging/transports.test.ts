import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pooledSmtpUrl } from './transports.ts';

test('SMTP connections are pooled by default; an explicit choice in SMTP_URL is kept', () => {
  assert.equal(pooledSmtpUrl('smtp://u:p%40ss@smtp.example.org:587'), 'smtp://u:p%40ss@smtp.example.org:587?pool=true&maxConnections=3');
  assert.equal(pooledSmtpUrl('smtps://smtp.example.org?secure=true'), 'smtps://smtp.example.org?secure=true&pool=true&maxConnections=3');
  assert.equal(pooledSmtpUrl('smtp://smtp.example.org?maxConnections=8'), 'smtp://smtp.example.org?maxConnections=8&pool=true');
  assert.equal(pooledSmtpUrl('smtp://smtp.example.org?pool=false'), 'smtp://smtp.example.org?pool=false');
});
