import { EligibilityForm } from "@/components/booking/eligibility/eligibility-form";
import { stepRoute } from "@/components/layout/step-route";
import { attestationIds } from "@/lib/eligibility/shared/attestations";

export default stepRoute("eligibility", "/", () => <EligibilityForm attestationIds={attestationIds} />);
