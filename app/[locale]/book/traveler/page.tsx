import { NameScreen } from "@/components/booking/travelers/name-screen";
import { travelerRoute } from "@/components/booking/travelers/traveler-route";

export default travelerRoute("name", NameScreen);
