import { OriginScreen } from "@/components/booking/travelers/origin-screen";
import { travelerRoute } from "@/components/booking/travelers/traveler-route";

export default travelerRoute("origin", OriginScreen);
