// Service accounts of the Open311 GeoReport v2 adapter (gateway/src/open311/)
// for `npm start` and the test stacks: a reporting account whose
// `<id>:<secret>` is the api_key of `POST requests`, and the adapter's own
// read-only account for the public GET endpoints (OPEN311_CLIENT_ID/SECRET).
const { randomBytes } = require('node:crypto');

/** The reporting account of `npm start`, so the README's curl examples work; never configure it elsewhere. */
const OPEN311_DEMO_REPORTER = { id: 'open311-demo', secret: 'steward-open311-demo-2026' };

/**
 * The environment that configures both accounts: members' `STEWARD_SERVICE_ACCOUNTS`
 * (those already in `existing`, a JSON array, are kept) and the gateway's
 * `OPEN311_CLIENT_ID`/`OPEN311_CLIENT_SECRET`; and the api_key of the reporter.
 * @param {{ reporter?: { id: string, secret: string }, existing?: string }} [options]
 */
async function open311Accounts(options = {}) {
  const { hashPassword } = require('@steward/auth');
  const reporter = options.reporter ?? OPEN311_DEMO_REPORTER;
  const reader = { id: 'open311-reader', secret: randomBytes(24).toString('base64url') };
  const existing = JSON.parse(options.existing || '[]').filter((account) => account.id !== reporter.id && account.id !== reader.id);
  const accounts = [
    ...existing,
    { id: reporter.id, secretHash: await hashPassword(reporter.secret), permissions: ['tickets:report'] },
    { id: reader.id, secretHash: await hashPassword(reader.secret), permissions: ['read'] },
  ];
  return {
    env: { STEWARD_SERVICE_ACCOUNTS: JSON.stringify(accounts), OPEN311_CLIENT_ID: reader.id, OPEN311_CLIENT_SECRET: reader.secret },
    apiKey: `${reporter.id}:${reporter.secret}`,
  };
}

module.exports = { OPEN311_DEMO_REPORTER, open311Accounts };
