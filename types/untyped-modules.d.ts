// Packages without type definitions; only what Nidaa uses is declared.
declare module 'dynalite' {
  import type { Server } from 'node:http';
  export default function dynalite(options?: {
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
  }): Server;
}

declare module 'asl-validator' {
  export default function aslValidator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): {
    isValid: boolean;
    errors: { message?: string; path?: string }[];
    errorsText(separator?: string): string;
  };
}
