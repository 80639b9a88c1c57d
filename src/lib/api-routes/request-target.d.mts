export declare const SERVER_METHODS: string;
export type TargetDecision = { pass: string; host?: string } | { options: true } | { status: 400; code: "bad_request"; message: string };
export declare function checkRequestTarget(req: { method: string; url: string; host: string | undefined; httpVersion: string; ownHost: string }): TargetDecision;
