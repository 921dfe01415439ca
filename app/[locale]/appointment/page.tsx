import { MyAppointment } from "@/components/booking/my-appointment";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("appointment", "/", MyAppointment);
