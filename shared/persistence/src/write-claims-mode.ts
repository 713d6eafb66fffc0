import type { Db, Document, MongoClient } from 'mongodb';
import { WRITE_CLAIMS_COLLECTION, WriteClaims, type ClaimDocument } from './write-claims';

/**
 * Whether writes take claims (`STEWARD_WRITE_CLAIMS`): `auto` on FerretDB
 * only, whose updates are not atomic; `always` on any database; `never`
 * trusts the database's filtered update (MongoDB).
 */
export const WRITE_CLAIMS_MODES = ['auto', 'always', 'never'] as const;
export type WriteClaimsMode = (typeof WRITE_CLAIMS_MODES)[number];

/** FerretDB answers `buildInfo` with its own version (`ferretdbVersion`) beside the MongoDB version it speaks. */
export function isFerretDb(buildInfo: Document): boolean {
  return 'ferretdbVersion' in buildInfo;
}

/** The decision for one connection: the mode as configured, or for `auto` what the server says it is. */
export function claimsRequired(mode: WriteClaimsMode, buildInfo?: Document): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (!buildInfo) throw new Error('write claims mode auto decides on the server’s buildInfo');
  return isFerretDb(buildInfo);
}

interface ClientClaims {
  mode: WriteClaimsMode;
  /** made once per connection, at the first write (or when the service kit connects) */
  decision?: Promise<boolean>;
  databases: Map<string, WriteClaims>;
}

const clients = new WeakMap<MongoClient, ClientClaims>();

function claimsOfClient(client: MongoClient): ClientClaims {
  let state = clients.get(client);
  if (!state) {
    state = { mode: 'auto', databases: new Map() };
    clients.set(client, state);
  }
  return state;
}

/** Sets the mode of a connection (the service kit, from `STEWARD_WRITE_CLAIMS`, right after connecting); `auto` unless set. */
export function setWriteClaimsMode(client: MongoClient, mode: WriteClaimsMode): void {
  const state = claimsOfClient(client);
  if (state.decision && state.mode !== mode) throw new Error(`write claims were decided as ${state.mode} already; set the mode before the first write`);
  state.mode = mode;
}

function decide(client: MongoClient, db: Db): Promise<boolean> {
  const state = claimsOfClient(client);
  if (!state.decision) {
    const { mode } = state;
    const decision = mode === 'auto' ? db.admin().command({ buildInfo: 1 }).then((info) => claimsRequired(mode, info)) : Promise.resolve(claimsRequired(mode));
    // a failed buildInfo (the server not reachable yet) is asked again at the next write
    decision.catch(() => {
      if (state.decision === decision) state.decision = undefined;
    });
    state.decision = decision;
  }
  return state.decision;
}

/**
 * The write claims of database `db`: one per connection and database, shared
 * by every store on it, in its collection `write_claims`.
 */
export function writeClaimsOf(db: Db): WriteClaims {
  const state = claimsOfClient(db.client);
  let claims = state.databases.get(db.databaseName);
  if (!claims) {
    claims = new WriteClaims(db.collection<ClaimDocument>(WRITE_CLAIMS_COLLECTION), () => decide(db.client, db));
    state.databases.set(db.databaseName, claims);
  }
  return claims;
}
