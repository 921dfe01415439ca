import { ContactForm } from "@/components/booking/contact/contact-form";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("contact", "/book/travelers", ContactForm);
