"use client";

import { createContext, useContext } from "react";

export type FormState = {
  /** The error to show under a field: the live hint once touched, else the server's. */
  errorFor: (name: string) => string | undefined;
  /** The value to start from: what was submitted last time, else the template default. */
  valueOf: (name: string, fallback: string) => string;
  /** What the field holds right now (for fields that depend on others, like version on engine). */
  live: (name: string) => string | undefined;
  environment: string;
  /** Re-reads the form after a change that raised no change event (a service chosen in a picker). */
  changed: () => void;
};

export const RequestFormContext = createContext<FormState>({ errorFor: () => undefined, valueOf: (_n, f) => f, live: () => undefined, environment: "dev", changed: () => {} });

export const useRequestForm = () => useContext(RequestFormContext);
