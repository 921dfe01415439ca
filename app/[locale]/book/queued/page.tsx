import { QueuedApplication } from "@/components/outbox/queued-application";
import { stepRoute } from "@/components/layout/step-route";

export default stepRoute("queued", null, QueuedApplication);
