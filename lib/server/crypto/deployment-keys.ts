import "server-only";
import type { KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { JWK } from "jose";
import { ConfigError, type Config } from "@/lib/server/config/env";
import type { Db } from "@/lib/server/db/connection";
import { log } from "@/lib/server/log/logger";
import { readDeploymentKeys, storeFirstKeys, type KeyPurpose, type NewKey, type StoredKey } from "./data/deployment-keys";
import {
  generateJwk,
  generatePepper,
  jwkKid,
  parsePrivateJwk,
  pepperKid,
  publicEntry,
  sealingPrivateKey,
  signingPrivateKey,
  type JwkPurpose,
} from "./key-material";

/**
 * The keys of a deployment: one set for every instance on its database. The pepper keys the
 * person hash behind "one active appointment per person", tokens must verify whichever instance
 * signed them, and an application sealed to one instance's key must open on any: instances that
 * disagree double-book people and lose queued applications. So the database holds the keys, and
 * an instance configured with others refuses to start.
 *
 * The database holds the private keys and the pepper themselves, in the clear, not only their
 * fingerprints: an instance started with none configured must be able to adopt the deployment's,
 * and that needs the material. Encrypting it would take a key every instance is configured with,
 * which is the burden configured keys already are, with one more secret to lose. Whoever reads
 * this database reads what the keys protect anyway: the names, birth dates, documents and photos
 * (the sealing key guards applications on their way into this very database; the pepper hashes
 * people stored beside their names). What a stolen database adds with them — forging a QR
 * code, linking a published draw's person keys after the names are purged — is why its backups
 * are guarded like the personal data they are. With the embedded database nothing changes: the
 * keys lived in `keys.json` beside it, in the same PUERTA_DATA_DIR.
 */

/** A loaded deployment, as this process uses it. */
export type ServerKeys = {
  /** A node:crypto key: tokens are signed with node:crypto (see appointment-token.ts). */
  signing: { privateKey: KeyObject; publicJwk: JWK; kid: string };
  sealing: { publicJwk: JWK; kid: string };
  /** Every key that opens a sealed application, by kid: the current one and the retired ones. */
  openers: ReadonlyMap<string, CryptoKey>;
  /** Public keys that verify tokens: the current signing key's, then the retired ones'. */
  verifying: JWK[];
  pepper: Buffer;
};

export type KeyConfig = Pick<Config, "PUERTA_DATA_DIR" | "PUERTA_SIGNING_JWK" | "PUERTA_SEALING_JWK" | "PUERTA_PEPPER">;

type Configured = Partial<Record<KeyPurpose, NewKey>>;

const PURPOSES: KeyPurpose[] = ["signing", "sealing", "pepper"];

export const KEY_SETTING = { signing: "PUERTA_SIGNING_JWK", sealing: "PUERTA_SEALING_JWK", pepper: "PUERTA_PEPPER" } as const;

/**
 * At start: the deployment's keys, stored first if the database has none (from configuration,
 * else the `keys.json` of an earlier version, else new ones). Configured keys must be the
 * deployment's, or start-up stops naming the setting that differs (never a key, only its kid).
 */
export async function loadDeploymentKeys(config: KeyConfig, db: Db, now = new Date()): Promise<ServerKeys> {
  const configured = await configuredKeys(config);
  let stored = await readDeploymentKeys(db);
  const missing = PURPOSES.filter((purpose) => !currentKey(stored, purpose));
  if (missing.length > 0) {
    const earlier = await earlierKeys(config.PUERTA_DATA_DIR);
    const first = await Promise.all(missing.map((purpose) => configured[purpose] ?? earlier?.[purpose] ?? newKey(purpose)));
    stored = await storeFirstKeys(db, first, now);
  }
  const problems = disagreements(stored, configured);
  if (problems.length > 0) {
    throw new ConfigError(
      `Puerta cannot start: its keys are not the deployment's\n${problems.map((line) => `  ${line}`).join("\n")}\n` +
        "Every instance on one database uses the same keys: set these to the deployment's, or remove them to use the ones stored in the database.",
    );
  }
  if (missing.length === 0) await warnOfEarlierFile(config.PUERTA_DATA_DIR, stored);
  return serverKeys(stored);
}

/** The keys stored in the database, ready to use. */
export async function serverKeys(stored: StoredKey[]): Promise<ServerKeys> {
  const [signing, sealing, pepper] = PURPOSES.map((purpose) => {
    const key = currentKey(stored, purpose);
    if (!key) throw new Error(`the deployment has no current ${purpose} key`);
    return key;
  });
  const jwk = (key: StoredKey) => JSON.parse(key.secret) as JWK;
  const signingEntry = await publicEntry(jwk(signing), "signing");
  const retiredSigning = stored.filter((key) => key.purpose === "signing" && key.retired);
  const sealingKeys = stored.filter((key) => key.purpose === "sealing");
  return {
    signing: { ...signingEntry, privateKey: signingPrivateKey(jwk(signing)) },
    sealing: await publicEntry(jwk(sealing), "sealing"),
    openers: new Map(await Promise.all(sealingKeys.map(async (key) => [key.kid, await sealingPrivateKey(jwk(key))] as const))),
    verifying: [
      signingEntry.publicJwk,
      ...(await Promise.all(retiredSigning.map(async (key) => (await publicEntry(jwk(key), "signing")).publicJwk))),
    ],
    pepper: Buffer.from(pepper.secret, "utf8"),
  };
}

function currentKey(stored: StoredKey[], purpose: KeyPurpose): StoredKey | undefined {
  return stored.find((key) => key.purpose === purpose && !key.retired);
}

async function configuredKeys(config: KeyConfig): Promise<Configured> {
  const configured: Configured = {};
  for (const purpose of ["signing", "sealing"] as const) {
    const text = config[KEY_SETTING[purpose]];
    if (text) configured[purpose] = await jwkKey(purpose, parsePrivateJwk(text, KEY_SETTING[purpose]));
  }
  if (config.PUERTA_PEPPER) configured.pepper = pepperKey(config.PUERTA_PEPPER);
  return configured;
}

async function jwkKey(purpose: JwkPurpose, jwk: JWK): Promise<NewKey> {
  return { purpose, kid: await jwkKid(jwk), secret: JSON.stringify(jwk) };
}

function pepperKey(pepper: string): NewKey {
  return { purpose: "pepper", kid: pepperKid(pepper), secret: pepper };
}

export async function newKey(purpose: KeyPurpose): Promise<NewKey> {
  return purpose === "pepper" ? pepperKey(generatePepper()) : jwkKey(purpose, await generateJwk(purpose));
}

function disagreements(stored: StoredKey[], configured: Configured): string[] {
  return PURPOSES.flatMap((purpose) => {
    const mine = configured[purpose];
    const deployment = currentKey(stored, purpose)!;
    if (!mine || mine.kid === deployment.kid) return [];
    const [what, id] = purpose === "pepper" ? ["pepper", "fingerprint"] : [`${purpose} key`, "kid"];
    const retired = stored.some((key) => key.purpose === purpose && key.retired && key.kid === mine.kid);
    return retired
      ? `${KEY_SETTING[purpose]} is a retired ${what} of the deployment (${id} ${mine.kid}); its current ${what} is ${id} ${deployment.kid}`
      : `${KEY_SETTING[purpose]} differs from the deployment's ${what} stored in the database (${id} ${deployment.kid}; configured: ${id} ${mine.kid})`;
  });
}

/**
 * Versions before the keys moved into the database kept them in PUERTA_DATA_DIR/keys.json: the
 * first start on such a deployment stores those, so that its tokens, sealed applications and
 * person hashes stay valid. Read only then; afterwards the database decides.
 */
async function earlierKeys(dataDir: string): Promise<Configured | undefined> {
  const file = path.join(dataDir, "keys.json");
  if (!existsSync(file)) return undefined;
  let earlier: { signing?: JWK; sealing?: JWK; pepper?: string };
  try {
    earlier = JSON.parse(readFileSync(file, "utf8")) as typeof earlier;
  } catch {
    throw new ConfigError(`${file} is unreadable: it holds the keys of an earlier version (restore it, or move it away to start with new keys)`);
  }
  const keys: Configured = {};
  if (earlier.signing) keys.signing = await jwkKey("signing", earlier.signing);
  if (earlier.sealing) keys.sealing = await jwkKey("sealing", earlier.sealing);
  if (earlier.pepper) keys.pepper = pepperKey(earlier.pepper);
  return keys;
}

/**
 * An instance whose old keys.json is not the deployment's (several instances, each with its own,
 * before this version) starts with the deployment's keys, and says that its own are no longer
 * used: tokens it signed and person hashes it made under them do not match the deployment's.
 */
async function warnOfEarlierFile(dataDir: string, stored: StoredKey[]): Promise<void> {
  const earlier = await earlierKeys(dataDir).catch(() => undefined);
  if (!earlier) return;
  const differing = PURPOSES.filter((purpose) => earlier[purpose] && earlier[purpose].kid !== currentKey(stored, purpose)!.kid);
  if (differing.length > 0) log.warn("keys.json in PUERTA_DATA_DIR is not the deployment's: the keys in the database are used", { fields: { keys: differing.join(",") } });
}
