import { databaseBeyondSelfService, databaseDoc, databaseParameters } from "./database";
import { environmentBeyondSelfService, environmentDoc, environmentParameters } from "./environment";
import { namespaceBeyondSelfService, namespaceDoc, namespaceParameters } from "./namespace";

export const templates = {
  database: { parameters: databaseParameters, beyondSelfService: databaseBeyondSelfService, doc: databaseDoc },
  namespace: { parameters: namespaceParameters, beyondSelfService: namespaceBeyondSelfService, doc: namespaceDoc },
  environment: { parameters: environmentParameters, beyondSelfService: environmentBeyondSelfService, doc: environmentDoc },
} as const;

export type RequestKind = keyof typeof templates;
export const requestKinds = Object.keys(templates) as RequestKind[];
