import { preload } from "react-dom";
import { PortStep } from "@/components/booking/port-step";
import { stepRoute } from "@/components/layout/step-route";

const Step = stepRoute("port", "/book/photos", PortStep);

export default function PortPage(props: Parameters<typeof Step>[0]) {
  // The ports are this page's content: the browser asks for them while it loads the page's
  // scripts, not after they have run (the step's fetch then takes this answer). crossOrigin
  // "anonymous" gives the preload the same mode and credentials as the step's same-origin fetch.
  preload("/api/v1/ports", { as: "fetch", crossOrigin: "anonymous" });
  return Step(props);
}
