import { LanguageScreen } from "@/components/booking/travelers/language-screen";
import { travelerRoute } from "@/components/booking/travelers/traveler-route";

export default travelerRoute("language", LanguageScreen);
