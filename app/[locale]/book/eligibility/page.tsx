import { EligibilityForm } from "@/components/booking/eligibility-form";
import { stepRoute } from "@/components/layout/step-route";
import { attestationIds } from "@/lib/booking/attestations";

export default stepRoute("eligibility", "/", () => <EligibilityForm attestationIds={attestationIds} />);
