import { createBus } from "@/lib/events";
import { busContract } from "./bus-contract";

busContract("memory", async () => {
  const bus = createBus({ backend: "memory" });
  return { a: bus, b: bus, teardown: () => bus.close() };
});
