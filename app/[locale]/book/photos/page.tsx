import { PhotosStep } from "@/components/booking/photos/photos-step";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("photos", "/book/contact", PhotosStep);
