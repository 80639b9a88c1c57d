import { routeLimitContract } from "./route-limits-contract";

routeLimitContract({ backend: "memory" });
