export const PAGE_CSP: string;
export const API_CSP: string;
export const COMMON_HEADERS: { key: string; value: string }[];
