// The training area's front door: what other areas, routes, pages, jobs and scripts may use (written by
// scripts/front-doors.ts; keep it to what others import).
import "server-only";
export { aboutSec, expectedMs } from "./estimates";
export { trainInJob } from "./job-training";
export { requestTraining } from "./request";
export { activeSymbolJob } from "./symbol-jobs";
export { closeTrainPool, trainPool } from "./train-pool";
export { trainAndRegister, trainSymbol } from "./train-symbol";
export type { TrainSymbolResult } from "./train-symbol";
export { riskHere } from "./train-worker";
export { queueNextWarm, startWarmModels, warmCheck } from "./warm-models";
export { servingMarketVariance, warmStart } from "./warm-start";
export type { RiskTask } from "./worker-protocol";
