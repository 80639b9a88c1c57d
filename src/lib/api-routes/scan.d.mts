export declare const HTTP_METHODS: string[];
export interface ScannedRoute {
  pattern: string;
  file: string;
  exported: string[];
  allowed: string[];
}
export declare function exportedMethods(source: string): string[];
export declare function allowedMethods(exported: string[]): string[];
export declare function scanApiRoutes(appDir: string): ScannedRoute[];
