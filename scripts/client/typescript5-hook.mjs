// Module resolution hook for the client generator: openapi-typescript builds its output with the TypeScript 5
// compiler API (ts.factory, the printer), which the project's TypeScript 7 (a native compiler) does not
// export. Its `import "typescript"` gets TypeScript 5, installed beside it as the `typescript5` alias; every
// other import, and the project's own type checking, keep TypeScript 7.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "typescript" && context.parentURL?.includes("/node_modules/openapi-typescript/")) return nextResolve("typescript5", context);
  return nextResolve(specifier, context);
}
