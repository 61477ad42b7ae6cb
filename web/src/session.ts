/**
 * The API key the console acts with. It lives in sessionStorage: it survives a reload of the tab but not the
 * tab itself, and other tabs and sites never see it.
 */
const KEY = "conflux.apiKey";

export function storedApiKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function storeApiKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(KEY);
}
