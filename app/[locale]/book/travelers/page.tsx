import { TravelersList } from "@/components/booking/travelers/travelers-list";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("travelers", "/book/eligibility", TravelersList);
