import { CheckAnswers } from "@/components/booking/check/check-answers";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("check", "/book/port", CheckAnswers);
