import "server-only";
import { SignJWT } from "jose";
import { getServerKeys } from "./keys";

export type TokenClaims = {
  code: string;
  portId: string;
  /** Times as the API shows them, in the port's time zone. */
  slot: { id: string; start: string; end: string } | null;
  travelers: number;
};

/**
 * The compact JWS a QR code carries: enough for an officer's device to verify offline, with the
 * published key, that this code, port, slot and party size were issued by Puerta. No names.
 */
export async function signAppointmentToken(claims: TokenClaims, issuedAt: Date): Promise<string> {
  const { signing } = await getServerKeys();
  return new SignJWT({
    port: claims.portId,
    slot: claims.slot?.id ?? null,
    start: claims.slot?.start ?? null,
    end: claims.slot?.end ?? null,
    n: claims.travelers,
  })
    .setProtectedHeader({ alg: "ES256", kid: signing.kid, typ: "puerta-appointment+jwt" })
    .setSubject(claims.code)
    .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
    .setIssuer("puerta")
    .sign(signing.privateKey);
}
