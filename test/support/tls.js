'use strict';
// A self-signed certificate for the TLS tests, made with openssl as an admin
// would make one for a camera: valid for 127.0.0.1 and localhost, two days.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * { key, cert } as PEM text. With `dir`, the files stay there as key.pem and
 * cert.pem ({ keyPath, certPath } too: the caller removes dir); without, they
 * are made in a temporary folder and removed.
 */
function selfSignedCert(dir) {
  const where = dir || fs.mkdtempSync(path.join(os.tmpdir(), 'thermo-tls-'));
  const keyPath = path.join(where, 'key.pem');
  const certPath = path.join(where, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '2',
        '-subj',
        '/CN=axis-test-camera',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
  } catch (err) {
    throw new Error(`openssl is needed to make a test certificate: ${err.message}`);
  }
  const out = { key: fs.readFileSync(keyPath, 'utf8'), cert: fs.readFileSync(certPath, 'utf8') };
  if (dir) return { ...out, keyPath, certPath };
  fs.rmSync(where, { recursive: true, force: true });
  return out;
}

module.exports = { selfSignedCert };
