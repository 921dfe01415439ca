import "server-only";
import { ConfigError } from "@/lib/server/config/env";
import type { Db } from "@/lib/server/db/connection";
import { readDeploymentKeys, replaceCurrentKey } from "./data/deployment-keys";
import { KEY_SETTING, newKey, type KeyConfig } from "./deployment-keys";
import { jwkKid, parsePrivateJwk, type JwkPurpose } from "./key-material";

/**
 * Replaces the deployment's signing or sealing key (`npm run keys:rotate`). The new key is the
 * configured one (PUERTA_SIGNING_JWK / PUERTA_SEALING_JWK, set to the new key for this run and
 * then on every instance), else a new one. The old key is retired, not deleted: a phone may hold
 * the old sealing key for days and still seal to it, and tokens name the key that signed them.
 * The pepper is not rotated: every stored person key and published entry id was made with it.
 */
export async function rotateDeploymentKey(db: Db, purpose: JwkPurpose, config: KeyConfig, now = new Date()): Promise<{ retired: string; current: string }> {
  const setting = KEY_SETTING[purpose];
  const current = (await readDeploymentKeys(db)).find((key) => key.purpose === purpose && !key.retired);
  if (!current) throw new ConfigError(`the deployment has no ${purpose} key yet: start Puerta once, it stores the first keys`);
  const configured = config[setting];
  const next = configured ? await configuredKey(purpose, configured) : await newKey(purpose);
  if (next.kid === current.kid) {
    throw new ConfigError(`${setting} holds the deployment's current ${purpose} key: set it to the new key, or remove it to have one generated`);
  }
  await replaceCurrentKey(db, next, now);
  return { retired: current.kid, current: next.kid };
}

async function configuredKey(purpose: JwkPurpose, text: string) {
  const jwk = parsePrivateJwk(text, KEY_SETTING[purpose]);
  return { purpose, kid: await jwkKid(jwk), secret: JSON.stringify(jwk) };
}
