import { AppointmentPage } from "@/components/appointment/appointment-page";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("appointment", "/", AppointmentPage);
