export * from "./auth";
export * from "./audit";
export * from "./requests";
export * from "./jobs";
