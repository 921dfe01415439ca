import { TravelerForm } from "@/components/booking/travelers/traveler-form";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("traveler", "/book/travelers", TravelerForm);
