import { writeFileSync } from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, CompactSign, compactVerify, importJWK, type JWK } from "jose";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as keysRoute } from "@/app/api/v1/keys/route";
import { ConfigError } from "@/lib/server/config/env";
import { loadDeploymentKeys, type KeyConfig, type ServerKeys } from "@/lib/server/crypto/deployment-keys";
import { generateJwk, generatePepper } from "@/lib/server/crypto/key-material";
import { getServerKeys, reloadServerKeys } from "@/lib/server/crypto/keys";
import { rotateDeploymentKey } from "@/lib/server/crypto/rotate-key";
import { openDatabase, type Database, type Db } from "@/lib/server/db/connection";
import { deploymentKeys } from "@/lib/server/db/schema";
import { sealForm } from "@/lib/offline/client/seal";
import { useTestServer } from "../support/api";
import { freshDatabase, temporaryDataDir } from "../support/database";
import { application, traveler } from "../support/fixtures";
import { send, someSlot } from "../support/requests";
import { applicationForm, sealedRequest } from "../support/sealed";

// Instances of one deployment, started in this process: each is the start-up's key loading with
// its own configuration (and data folder) on the same database. "B" is this process's own keys,
// the ones the route handlers use.
const server = useTestServer();

const instance = (settings: Partial<KeyConfig> = {}): KeyConfig => ({ PUERTA_DATA_DIR: temporaryDataDir(), ...settings });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function jwks(): Promise<JWK[]> {
  return (await (await keysRoute(new Request("http://localhost/api/v1/keys"), {})).json()).keys;
}

/** The private JWK the deployment stores for a kid (what an operator would configure). */
async function storedJwk(db: Db, kid: string): Promise<string> {
  const [row] = await db.select().from(deploymentKeys).where(eq(deploymentKeys.kid, kid));
  return row.secret;
}

async function sealedBooking(key: JWK) {
  const slot = await someSlot("san-ysidro", 1);
  return send(sealedRequest(await sealForm(await applicationForm(application({ slotId: slot.id, travelers: [traveler()] })), key)));
}

async function refusal(start: Promise<unknown>): Promise<string> {
  const error = await start.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as Error).message;
}

describe("the keys of a deployment", () => {
  let a: ServerKeys;

  it("are stored by the first instance to start on an empty database", async () => {
    const db = await server.db();
    expect(await db.select().from(deploymentKeys)).toHaveLength(0);
    a = await loadDeploymentKeys(instance(), db);
    const rows = await db.select().from(deploymentKeys);
    expect(rows.map((r) => [r.purpose, r.retiredAt]).sort()).toEqual([
      ["pepper", null],
      ["sealing", null],
      ["signing", null],
    ]);
    expect(rows.find((r) => r.purpose === "signing")!.kid).toBe(a.signing.kid);
    expect(rows.find((r) => r.purpose === "sealing")!.kid).toBe(a.sealing.kid);
  });

  it("are adopted by an instance with none configured: same kids, same pepper", async () => {
    const b = await reloadServerKeys();
    expect(b.signing.kid).toBe(a.signing.kid);
    expect(b.sealing.kid).toBe(a.sealing.kid);
    expect(b.pepper.equals(a.pepper)).toBe(true);
    expect(await (await server.db()).select().from(deploymentKeys)).toHaveLength(3);
  });

  it("verify on one instance what another signed", async () => {
    const token = await new CompactSign(new TextEncoder().encode('{"sub":"ABCDE-FGHJK"}'))
      .setProtectedHeader({ alg: "ES256", kid: a.signing.kid })
      .sign(a.signing.privateKey);
    const published = (await jwks()).find((key) => key.kid === a.signing.kid && key.use === "sig");
    expect(published).toBeDefined();
    await expect(compactVerify(token, await importJWK(published!, "ES256"))).resolves.toBeDefined();
  });

  it("open on one instance an application sealed to another's key", async () => {
    const booked = await sealedBooking(a.sealing.publicJwk);
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  });

  it("are taken from configuration when they are the deployment's", async () => {
    const db = await server.db();
    const same = await loadDeploymentKeys(
      instance({
        PUERTA_SIGNING_JWK: await storedJwk(db, a.signing.kid),
        PUERTA_SEALING_JWK: await storedJwk(db, a.sealing.kid),
        PUERTA_PEPPER: a.pepper.toString("utf8"),
      }),
      db,
    );
    expect([same.signing.kid, same.sealing.kid]).toEqual([a.signing.kid, a.sealing.kid]);
  });

  it("keep an instance configured with another pepper from starting, naming it", async () => {
    const pepper = generatePepper();
    const message = await refusal(loadDeploymentKeys(instance({ PUERTA_PEPPER: pepper }), await server.db()));
    expect(message).toMatch(/PUERTA_PEPPER differs from the deployment's pepper stored in the database \(fingerprint \S+/);
    expect(message).not.toMatch(/SIGNING|SEALING/);
    expect(message).not.toContain(pepper);
    expect(message).not.toContain(a.pepper.toString("utf8"));
  });

  it("keep an instance configured with another signing or sealing key from starting, naming each", async () => {
    const signing = await generateJwk("signing");
    const sealing = await generateJwk("sealing");
    const message = await refusal(
      loadDeploymentKeys(instance({ PUERTA_SIGNING_JWK: JSON.stringify(signing), PUERTA_SEALING_JWK: JSON.stringify(sealing) }), await server.db()),
    );
    expect(message).toContain(`PUERTA_SIGNING_JWK differs from the deployment's signing key stored in the database (kid ${a.signing.kid}`);
    expect(message).toContain(`PUERTA_SEALING_JWK differs from the deployment's sealing key stored in the database (kid ${a.sealing.kid}`);
    expect(message).not.toContain("PUERTA_PEPPER");
    for (const secret of [signing.d!, sealing.d!]) expect(message).not.toContain(secret);
    // Nothing of the refused instance was stored.
    expect(await (await server.db()).select().from(deploymentKeys)).toHaveLength(3);
  });

  it("refuse a configured key that is no key, by its setting", async () => {
    expect(await refusal(loadDeploymentKeys(instance({ PUERTA_SIGNING_JWK: "{not json" }), await server.db()))).toContain("PUERTA_SIGNING_JWK is not JSON");
    const publicOnly = { ...a.sealing.publicJwk };
    expect(await refusal(loadDeploymentKeys(instance({ PUERTA_SEALING_JWK: JSON.stringify(publicOnly) }), await server.db()))).toContain(
      "PUERTA_SEALING_JWK is not a P-256 private key",
    );
  });
});

describe("instances starting together on an empty database", () => {
  it("converge on one set of keys", async () => {
    const empty = await freshDatabase();
    // On PostgreSQL, each instance with its own connections, as separate processes would have.
    const others: Database[] = empty.url
      ? await Promise.all([1, 2, 3].map(() => openDatabase({ url: empty.url!, dataDir: "", poolSize: 2 })))
      : [];
    try {
      const dbs = [empty, ...others].map((d) => d.db);
      const started = await Promise.all(Array.from({ length: 4 }, (_, i) => loadDeploymentKeys(instance(), dbs[i % dbs.length])));
      expect(new Set(started.map((k) => `${k.signing.kid} ${k.sealing.kid} ${k.pepper.toString("hex")}`)).size).toBe(1);
      expect(await empty.db.select().from(deploymentKeys)).toHaveLength(3);
    } finally {
      await Promise.all(others.map((d) => d.close()));
      await empty.close();
    }
  });

  it("with different configured keys: exactly one starts", async () => {
    const empty = await freshDatabase();
    const other = empty.url ? await openDatabase({ url: empty.url, dataDir: "", poolSize: 2 }) : empty;
    try {
      const configs = [instance({ PUERTA_PEPPER: generatePepper() }), instance({ PUERTA_PEPPER: generatePepper() })];
      const outcomes = await Promise.allSettled([loadDeploymentKeys(configs[0], empty.db), loadDeploymentKeys(configs[1], other.db)]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === "rejected")!;
      expect(String(refused.reason)).toContain("PUERTA_PEPPER differs");
    } finally {
      if (other !== empty) await other.close();
      await empty.close();
    }
  });
});

describe("a deployment of an earlier version", () => {
  it("keeps the keys its keys.json held: tokens, sealed applications and person hashes stay valid", async () => {
    const empty = await freshDatabase();
    try {
      const earlier = { signing: await generateJwk("signing"), sealing: await generateJwk("sealing"), pepper: generatePepper() };
      const config = instance();
      writeFileSync(path.join(config.PUERTA_DATA_DIR, "keys.json"), JSON.stringify(earlier), { mode: 0o600 });
      const keys = await loadDeploymentKeys(config, empty.db);
      expect(keys.signing.kid).toBe(await calculateJwkThumbprint(earlier.signing));
      expect(keys.sealing.kid).toBe(await calculateJwkThumbprint(earlier.sealing));
      expect(keys.pepper.toString("utf8")).toBe(earlier.pepper);
      // Stored: an instance without the file adopts them.
      const adopted = await loadDeploymentKeys(instance(), empty.db);
      expect(adopted.signing.kid).toBe(keys.signing.kid);
    } finally {
      await empty.close();
    }
  });
});

describe("a rotation", () => {
  it("keeps applications sealed to the old sealing key openable, on running and restarted instances", async () => {
    const db = await server.db();
    const before = await reloadServerKeys();
    const oldKey = before.sealing.publicJwk;
    const { retired, current } = await rotateDeploymentKey(db, "sealing", instance());
    expect(retired).toBe(before.sealing.kid);
    expect(current).not.toBe(retired);

    // A phone that fetched the new key from a restarted instance sends to this one, which started
    // before the rotation: it looks the unknown kid up in the database (at most once a second).
    const restarted = await loadDeploymentKeys(instance(), db);
    expect(restarted.sealing.kid).toBe(current);
    await pause(1_100);
    const toNew = await sealedBooking(restarted.sealing.publicJwk);
    expect(toNew.status, JSON.stringify(toNew.body)).toBe(201);

    // This process restarted: it publishes the new key, and what was sealed to the old one books.
    await reloadServerKeys();
    expect((await jwks()).filter((key) => key.use === "enc").map((key) => key.kid)).toEqual([current]);
    const toOld = await sealedBooking(oldKey);
    expect(toOld.status, JSON.stringify(toOld.body)).toBe(201);
  });

  it("refuses an instance still configured with the retired sealing key, saying so", async () => {
    const db = await server.db();
    const retiredRow = (await db.select().from(deploymentKeys).where(eq(deploymentKeys.purpose, "sealing"))).find((r) => r.retiredAt)!;
    const message = await refusal(loadDeploymentKeys(instance({ PUERTA_SEALING_JWK: retiredRow.secret }), db));
    expect(message).toContain(`PUERTA_SEALING_JWK is a retired sealing key of the deployment (kid ${retiredRow.kid})`);
  });

  it("of the signing key keeps tokens signed before verifiable", async () => {
    const db = await server.db();
    const before = await getServerKeys();
    const token = await new CompactSign(new TextEncoder().encode("{}")).setProtectedHeader({ alg: "ES256", kid: before.signing.kid }).sign(before.signing.privateKey);
    const { current } = await rotateDeploymentKey(db, "signing", instance());
    await reloadServerKeys();
    const published = await jwks();
    expect(published.filter((key) => key.use === "sig").map((key) => key.kid)).toEqual([current, before.signing.kid]);
    expect(published[1]).toMatchObject({ use: "enc" }); // the phone takes the one key to seal to
    const old = published.find((key) => key.kid === before.signing.kid)!;
    await expect(compactVerify(token, await importJWK(old, "ES256"))).resolves.toBeDefined();
    expect((await getServerKeys()).signing.kid).toBe(current);
  });

  it("to the key already current is refused", async () => {
    const db = await server.db();
    const keys = await getServerKeys();
    const message = await refusal(rotateDeploymentKey(db, "sealing", instance({ PUERTA_SEALING_JWK: await storedJwk(db, keys.sealing.kid) })));
    expect(message).toContain("PUERTA_SEALING_JWK holds the deployment's current sealing key");
  });
});
