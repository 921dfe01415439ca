import "server-only";
import { sign } from "node:crypto";
import { getServerKeys } from "@/lib/server/crypto/keys";
import { formatInstant } from "@/lib/shared/time/dates";

export type TokenClaims = {
  code: string;
  portId: string;
  /** Times as the API shows them, in the port's time zone. */
  slot: { id: string; start: string; end: string } | null;
  travelers: number;
};

const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

/**
 * The compact JWS a QR code carries: enough for an officer's device to verify offline, with the
 * published key, that this code, port, slot and party size were issued by Puerta. No names.
 *
 * Signed with node:crypto rather than a JOSE library's WebCrypto path: one is signed for every
 * booking, and WebCrypto's sign job holds the main thread about ten times longer at the minute
 * slots open (docs/performance.md). RFC 7515: ES256 is the raw r‖s signature, "ieee-p1363".
 * Verified in the tests with jose, as an outside client would.
 */
export async function signAppointmentToken(claims: TokenClaims, issuedAt: Date): Promise<string> {
  const { signing } = await getServerKeys();
  const header = base64url(JSON.stringify({ alg: "ES256", kid: signing.kid, typ: "puerta-appointment+jwt" }));
  const payload = base64url(
    JSON.stringify({
      port: claims.portId,
      slot: claims.slot?.id ?? null,
      start: claims.slot?.start ?? null,
      end: claims.slot?.end ?? null,
      n: claims.travelers,
      sub: claims.code,
      iat: Math.floor(issuedAt.getTime() / 1000),
      iss: "puerta",
    }),
  );
  const signingInput = `${header}.${payload}`;
  const signature = sign("sha256", Buffer.from(signingInput, "ascii"), { key: signing.privateKey, dsaEncoding: "ieee-p1363" });
  return `${signingInput}.${signature.toString("base64url")}`;
}

/** A slot as a token names it: its id, and its times as the API shows them. */
export function slotClaims(slot: { id: string; startsAt: Date; endsAt: Date }, port: { timeZone: string }) {
  return { id: slot.id, start: formatInstant(slot.startsAt, port.timeZone), end: formatInstant(slot.endsAt, port.timeZone) };
}
