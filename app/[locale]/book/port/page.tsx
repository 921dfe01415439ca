import { PortStep } from "@/components/booking/port-step";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("port", "/book/photos", PortStep);
