'use strict';
// The one place that decides what kind of failure happened: by the error's code
// (node, axios, ws), or by what the camera answered; never by a message's text.
const assert = require('node:assert/strict');
const { reasonOfCode, failureOf, FAILURE_REASONS, ThermometryError } = require('../../dist/client');

describe('failure reasons', () => {
  it('reads node, axios and TLS codes', () => {
    const cases = {
      ECONNREFUSED: 'refused',
      ENOTFOUND: 'noSuchHost',
      EAI_AGAIN: 'noSuchHost',
      EHOSTUNREACH: 'unreachable',
      ETIMEDOUT: 'timedOut',
      ECONNABORTED: 'timedOut',
      ECONNRESET: 'connectionLost',
      EPIPE: 'connectionLost',
      DEPTH_ZERO_SELF_SIGNED_CERT: 'tlsSelfSigned',
      UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tlsUntrusted',
      CERT_HAS_EXPIRED: 'tlsExpired',
      ERR_TLS_CERT_ALTNAME_INVALID: 'tlsWrongName',
      ERR_SSL_WRONG_VERSION_NUMBER: 'tlsFailed',
      EPROTO: 'tlsFailed',
      EWHATEVER: 'networkFailed',
    };
    for (const [code, reason] of Object.entries(cases)) assert.equal(reasonOfCode(code), reason, code);
    assert.equal(reasonOfCode(undefined), 'networkFailed');
  });

  it('takes the reason a ThermometryError carries, and never reads the message', () => {
    const err = new ThermometryError('network', 'connection refused ECONNREFUSED certificate timeout', { reason: 'wrongPassword', status: 401 });
    assert.deepEqual(failureOf(err), { reason: 'wrongPassword', fatal: true, status: 401 });
    // A socket's own error: its code, whatever its text says.
    assert.deepEqual(failureOf(Object.assign(new Error('self-signed certificate timeout'), { code: 'ECONNREFUSED' })), {
      reason: 'refused',
      fatal: false,
      cause: 'ECONNREFUSED',
    });
    assert.deepEqual(failureOf(new Error('certificate has expired')), { reason: 'networkFailed', fatal: false });
  });

  it("an answer with a status: 401 and 403 are the user's to fix, others heal", () => {
    assert.equal(failureOf({ status: 401 }).reason, 'wrongPassword');
    assert.equal(failureOf({ status: 403 }).reason, 'userLevel');
    assert.deepEqual(failureOf({ status: 502 }), { reason: 'unexpectedAnswer', fatal: false, status: 502 });
  });

  it('lists each reason once', () => {
    assert.equal(new Set(FAILURE_REASONS).size, FAILURE_REASONS.length);
  });
});
