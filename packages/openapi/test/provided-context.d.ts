// What @vidukit/test-utils/prism-global-setup provides. Declared here because test-utils
// resolves another copy of vitest (a different @types/node peer), so its augmentation does
// not reach ours.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    contractBaseUrl: string;
    contractIsMock: boolean;
  }
}
