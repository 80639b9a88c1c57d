// What is left before every area is entered by its front door and no import runs in a loop: the shrinking
// lists tests/unit/core/dependency-direction.test.ts allows. Each entry is a real import in the code today;
// cross an entry off when it goes (the test fails on an entry that no longer exists, and on any new one).
// `npx tsx scripts/front-doors.ts --left` prints the deep imports as listed here; `--report` counts them.

/** `importer -> specifier`: an import of another area's file instead of `@/server/<area>` (or a side door). */
export const DEEP_IMPORTS_LEFT: string[] = [
];

/** `room -> room` (server/<area>, lib/<module>, app, components, handlers): imports that close an area loop. */
export const AREA_LOOPS_LEFT: string[] = [];

/** `file -> file`: imports that close a loop between the files of one room. */
export const FILE_LOOPS_LEFT: string[] = [];
