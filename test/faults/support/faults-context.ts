/** What the fault suite's global setup hands to its test files. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** A JSON-lines file each scenario appends its figures to; printed as a table at the end. */
    faultsReportPath: string;
  }
}

export {};
