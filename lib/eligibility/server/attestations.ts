import "server-only";
import { getConfig } from "@/lib/server/config/env";
import { attestationIds } from "@/lib/eligibility/shared/attestations";

/**
 * The statements every applicant must attest: the deployment's PUERTA_ATTESTATIONS, or by default
 * the ones the booking app shows. The default lives here, not in the server's configuration,
 * because the platform knows no domain.
 */
export function requiredAttestations(): readonly string[] {
  return getConfig().PUERTA_ATTESTATIONS ?? attestationIds;
}
