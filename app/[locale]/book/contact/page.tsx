import { ContactForm } from "@/components/booking/contact-form";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("contact", "/book/travelers", ContactForm);
