export function decodableApiTarget(target: string): string;
