import { AppointmentPage } from "@/components/outbox/appointment-page";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("appointment", "/", AppointmentPage);
