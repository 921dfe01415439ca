import { PhotosStep } from "@/components/booking/photos-step";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("photos", "/book/contact", PhotosStep);
