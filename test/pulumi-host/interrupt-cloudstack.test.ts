/**
 * The interruption matrix through the Pulumi door (support/interrupt.ts) for the CloudStack VM storage
 * move, data disk move and volume move: the dynamic-provider host SIGKILLed at every step boundary and
 * in every job (and with the next up overlapping the job), then `pulumi up` again from a new host.
 * The root swap's cells are in interrupt-cloudstack-root.test.ts.
 */
import { cloudstackKinds } from "./support/cloudstack-kinds.ts";
import { hostSuite } from "./support/interrupt.ts";

hostSuite(
  cloudstackKinds.filter((k) => !k.title.startsWith("ferry.cloudstack.RootVolume")),
  { overlap: true },
);
