export interface ApiRoute {
  pattern: string;
  allowed: string[];
}
/** The route for a raw (still percent-encoded) pathname, or null when none matches. */
export declare function createRouteMatcher(routes: ApiRoute[]): (pathname: string) => ApiRoute | null;
