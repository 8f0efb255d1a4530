export function pythonVersion(npmVersion: string): string;
export function versionFiles(npmVersion: string): Record<string, string>;
export function goTagPrefix(): string;
export function versionDrift(pkgDir: string): { file: string; want: string; got: string }[];
