export * from "./auth";
export * from "./audit";
export * from "./requests";
export * from "./jobs";
export * from "./catalog";
export * from "./metrics";
export * from "./devex";
