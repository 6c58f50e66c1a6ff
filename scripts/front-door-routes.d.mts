// Types of scripts/front-door-routes.mjs, for its test (lib/api/front-door-routes.test.ts).
export declare const TABLE_FILE: string;
export declare function apiRoutePaths(root: string): string[];
export declare function frontDoorRoutesSource(root: string): Promise<string>;
