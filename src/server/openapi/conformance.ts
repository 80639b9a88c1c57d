// Compile-time proof that what the server functions return (as JSON) fits the documented response schemas,
// so a field added to a server type without its document entry fails `tsc`, on every branch of a union
// (the contract test can only see the branches its sample requests reach). Type-only: nothing runs.
import type { z } from "zod";
import type { accountKeysForAdmin, createKeyFor, describePrincipal, listKeysFor, login, revokeKeyFor } from "@/server/auth/service";
import type { getOverview, getStock, getTimeseries, getIntraday, getTickersBatch } from "@/server/market";
import type { getNews } from "@/server/news";
import type { TickerMatch } from "@/server/market/ticker-search";
import type { performanceReport } from "@/server/operations/performance";
import type { precompute } from "@/server/predictions/precompute";
import type { PredictionHistory } from "@/server/predictions/history";
import type { SymbolForecast } from "@/server/predictions/served";
import type { PredictionRead, PredictionResult } from "@/server/predictions/types";
import type { RecommendationsResponse } from "@/server/recommendations/recommend";
import type { getStatus } from "@/server/status";
import type { modelStatus } from "@/server/registry/readiness";
import type { requestTraining } from "@/server/training/request";
import type { rollbackModel } from "@/server/registry/rollback";
import type { effectiveConfig } from "@/server/operations/effective-config";
import type * as r from "./responses";
import type * as ra from "./responses-account";
import type * as rc from "./responses-cross-section";
import type * as rl from "./responses-ledger";
import type { trackRecord } from "@/server/ledger/read";
import type { crossSectionForecast } from "@/server/predictions/cross-section";
import type { changePasswordFor, deleteAccountFor, exportAccountFor, requestEmailChangeFor } from "@/server/auth/account-service";
import type { confirmEmailChange, confirmPasswordReset, requestPasswordResetEvenly } from "@/server/auth/self-service";
import type { refreshTokens } from "@/server/auth/service";
import type { watchlistListSchema, watchlistViewSchema } from "@/server/watchlists/schemas";
import type { listWatchlistsFor, updateWatchlistFor } from "@/server/watchlists/service";
import type { alertListSchema, alertViewSchema } from "@/server/alerts/schemas";
import type { createAlert, listAlerts } from "@/server/alerts/service";
import type { markReadResultSchema, notificationListSchema, settingsViewSchema } from "@/server/notifications/schemas";
import type { getSettingsFor, listNotificationsFor, markRead } from "@/server/notifications/service";
import type { portfolioRiskSchema } from "@/server/portfolios/risk-schemas";
import type { portfolioRiskFor } from "@/server/portfolios/risk-service";
import type { importResultSchema, portfolioListSchema, portfolioViewSchema } from "@/server/portfolios/schemas";
import type { getPortfolioFor, importCsvFor, listPortfoliosFor } from "@/server/portfolios/service";

/** What JSON.stringify makes of T: dates become strings, undefined-only fields may be absent. */
type Json<T> = T extends Date ? string : T extends readonly unknown[] ? { [K in keyof T]: Json<T[K]> } : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
type Out<F extends (...args: never[]) => unknown> = Json<Awaited<ReturnType<F>>>;
/** The members of union S that T fits (the matching branch of a discriminated union). */
type Match<S, T> = S extends unknown ? (T extends S ? S : never) : never;
/** Keys T has, at any depth, that the documented shape S does not (TypeScript's assignability allows them). */
type Extra<T, S> = T extends readonly (infer U)[]
  ? S extends readonly (infer V)[]
    ? Extra<U, V>
    : never
  : T extends object
    ? Exclude<keyof T, keyof Match<S, T>> | { [K in keyof T & keyof Match<S, T>]: Extra<T[K], Match<S, T>[K]> }[keyof T & keyof Match<S, T>]
    : never;
/** true only when every value of T is a valid value of the schema's output and T has no field the schema lacks. */
type Fits<T, S extends z.ZodType> = [T] extends [z.output<S>]
  ? [Extra<T, z.output<S>>] extends [never]
    ? true
    : { error: "has fields the document does not list"; fields: Extra<T, z.output<S>> }
  : { error: "does not fit the documented schema"; value: T };

export type Conformance = [
  Fits<Out<typeof getStock>, typeof r.stockSchema>,
  Fits<Out<typeof getTimeseries>, typeof r.timeseriesSchema>,
  Fits<Out<typeof getIntraday>, typeof r.intradaySchema>,
  Fits<Out<typeof getOverview>, typeof r.overviewSchema>,
  Fits<Out<typeof getNews>, typeof r.newsSchema>,
  Fits<Out<typeof getTickersBatch>, typeof r.tickersBatchSchema>,
  Fits<{ results: TickerMatch[] }, typeof r.tickerSearchSchema>,
  Fits<Out<typeof getStatus>, typeof r.statusSchema>,
  Fits<Out<typeof performanceReport>, typeof r.performanceSchema>,
  Fits<{ config: ReturnType<typeof effectiveConfig> }, typeof r.adminConfigSchema>,
  Fits<Out<typeof login>, typeof r.tokenSchema>,
  Fits<Out<typeof describePrincipal>, typeof r.meSchema>,
  Fits<Out<typeof listKeysFor>, typeof r.keyListSchema>,
  Fits<Out<typeof createKeyFor>, typeof r.createdKeySchema>,
  Fits<Out<typeof revokeKeyFor>, typeof r.revokedKeySchema>,
  Fits<Out<typeof accountKeysForAdmin>, typeof r.accountKeysSchema>,
  Fits<Json<PredictionResult>, typeof r.predictionSchema>,
  Fits<Json<PredictionRead["body"]>, typeof r.predictionReadSchema>,
  Fits<{ predictions: Json<SymbolForecast>[] }, typeof r.predictionsListSchema>,
  Fits<Json<PredictionHistory>, typeof r.historySchema>,
  Fits<Json<RecommendationsResponse>, typeof r.recommendationsSchema>,
  Fits<Out<typeof modelStatus>, typeof r.modelStatusSchema>,
  Fits<{ jobs: Out<typeof precompute> }, typeof r.precomputeSchema>,
  Fits<Out<typeof rollbackModel>, typeof r.rollbackSchema>,
  Fits<Out<typeof requestTraining>, typeof r.trainingAcceptedSchema>,
  Fits<Out<typeof refreshTokens>, typeof r.refreshedTokenSchema>,
  Fits<Out<typeof changePasswordFor>, typeof ra.passwordChangedSchema>,
  Fits<Out<typeof requestPasswordResetEvenly>, typeof ra.resetAcceptedSchema>,
  Fits<Out<typeof confirmPasswordReset>, typeof ra.resetDoneSchema>,
  Fits<Out<typeof requestEmailChangeFor>, typeof ra.emailChangeSchema>,
  Fits<Out<typeof confirmEmailChange>, typeof ra.emailConfirmedSchema>,
  Fits<Out<typeof deleteAccountFor>, typeof ra.accountDeletedSchema>,
  Fits<Out<typeof exportAccountFor>, typeof ra.accountExportSchema>,
  Fits<Out<typeof listWatchlistsFor>, typeof watchlistListSchema>,
  Fits<Out<typeof updateWatchlistFor>, typeof watchlistViewSchema>,
  Fits<Out<typeof listAlerts>, typeof alertListSchema>,
  Fits<Out<typeof createAlert>, typeof alertViewSchema>,
  Fits<Out<typeof listNotificationsFor>, typeof notificationListSchema>,
  Fits<Out<typeof markRead>, typeof markReadResultSchema>,
  Fits<Out<typeof getSettingsFor>, typeof settingsViewSchema>,
  Fits<Out<typeof listPortfoliosFor>, typeof portfolioListSchema>,
  Fits<Out<typeof getPortfolioFor>, typeof portfolioViewSchema>,
  Fits<Out<typeof importCsvFor>, typeof importResultSchema>,
  Fits<Out<typeof portfolioRiskFor>, typeof portfolioRiskSchema>,
  Fits<Out<typeof trackRecord>, typeof rl.trackRecordSchema>,
  Fits<Out<typeof crossSectionForecast>, typeof rc.crossSectionSchema>,
];
// One `true` per entry: a failing entry is reported at its position with what does not fit.
export const conformance: Conformance = [
  true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
  true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true,
];
