declare module 'vitest' {
  export interface ProvidedContext {
    contractBaseUrl: string;
    contractIsMock: boolean;
  }
}
export {};
