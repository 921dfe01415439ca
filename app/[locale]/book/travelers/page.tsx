import { TravelersList } from "@/components/booking/travelers-list";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("travelers", "/book/eligibility", TravelersList);
