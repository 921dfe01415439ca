import { DocumentScreen } from "@/components/booking/travelers/document-screen";
import { travelerRoute } from "@/components/booking/travelers/traveler-route";

export default travelerRoute("document", DocumentScreen);
