import { Confirmation } from "@/components/booking/done/confirmation";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("done", null, Confirmation);
